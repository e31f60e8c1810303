using Platform.Benchmarks;

// dotnet run -c Release --project tests/Platform.Benchmarks -- gateway [requests]
// dotnet run -c Release --project tests/Platform.Benchmarks -- events [events] [events per commit]
return args.FirstOrDefault() switch
{
    "gateway" => await GatewayBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000),
    "events" => await Platform.Benchmarks.Events.EventsBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Platform.Benchmarks gateway [requests] | events [events] [events per commit]");
    return 2;
}
