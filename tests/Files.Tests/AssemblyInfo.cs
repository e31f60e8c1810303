// One set of servers (Postgres, Redis, clamd, s3rver) for every test of the assembly.
[assembly: AssemblyFixture(typeof(Platform.Files.Tests.FilesFixture))]
