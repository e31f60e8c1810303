using Platform.AppHost;
using Platform.AppHost.Events;
using Platform.AppHost.Gateway;
using Platform.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = PlatformInfrastructure.Add(builder, postgresName: "postgres", redisName: "cache").AddMail().AddVirusScanner();
var cache = infrastructure.Cache;
var identityDb = infrastructure.AddDatabase("identitydb");
var projectsDb = infrastructure.AddDatabase("projectsdb");
var collabDb = infrastructure.AddDatabase("collabdb");
var aiDb = infrastructure.AddDatabase("aidb");
var analyticsDb = infrastructure.AddDatabase("analyticsdb");
var webhooksDb = infrastructure.AddDatabase("webhooksdb");
var notificationsDb = infrastructure.AddDatabase("notificationsdb");
var filesDb = infrastructure.AddDatabase("filesdb");

var migrations = builder.AddProject<Projects.Migrations>("migrations")
    .WithReference(identityDb).WaitFor(identityDb)
    .WithReference(projectsDb).WaitFor(projectsDb)
    .WithReference(collabDb).WaitFor(collabDb)
    .WithReference(aiDb).WaitFor(aiDb)
    .WithReference(analyticsDb).WaitFor(analyticsDb)
    .WithReference(webhooksDb).WaitFor(webhooksDb)
    .WithReference(notificationsDb).WaitFor(notificationsDb)
    .WithReference(filesDb).WaitFor(filesDb)
    .WithEnvironment("Postgres__ApplicationPassword", infrastructure.ApplicationPassword)
    .WithEnvironment("Postgres__RelayPassword", infrastructure.RelayPassword);

var identity = builder.AddProject<Projects.Identity>("identity")
    .WithHttpHealthCheck(ServiceHealth.Path)
    .WithUnproxiedHttpEndpoint()
    .WithExternalHttpEndpoints()
    .WithReference(infrastructure.ApplicationConnection(identityDb), "identitydb").WaitFor(identityDb)
    .WaitForCompletion(migrations)
    // Memberships and new tokens are announced as events (the notifications service's directory of people).
    .WithReference(cache).WaitFor(cache)
    .WithDaprSidecar(cache)
    .WithDevelopmentSignInLink();
identity.WithEnvironment("Identity__Issuer", identity.GetEndpoint("http"))
    .WithIdentityAuthority(identity);

var projects = builder.AddProject<Projects.Projects>("projects")
    .WithHttpHealthCheck(ServiceHealth.Path)
    .WithUnproxiedHttpEndpoint()
    .WithServiceData(infrastructure, projectsDb, migrations)
    .WithIdentityAuthority(identity)
    .WithDaprSidecar(cache);

// Two replicas: editors of one document may be connected to either; the Redis backplane and one writer per document keep them in step.
var collaboration = builder.AddProject<Projects.Collaboration>("collaboration")
    .WithHttpHealthCheck(ServiceHealth.Path)
    .WithReplicas(2)
    .WithServiceData(infrastructure, collabDb, migrations)
    .WithReference(projects).WaitFor(projects)
    .WithIdentityAuthority(identity)
    .WithDaprSidecar(cache);

// Flow metrics, forecasts and risks, from its own journal of the projects service's events.
var analytics = builder.AddProject<Projects.Analytics>("analytics")
    .WithHttpHealthCheck(ServiceHealth.Path)
    .WithServiceData(infrastructure, analyticsDb, migrations)
    .WithIdentityAuthority(identity)
    .WithDaprSidecar(cache);

// Integrations: signed deliveries of GitHub, GitLab and other senders become the platform's events.
var webhooks = builder.AddProject<Projects.Webhooks>("webhooks")
    .WithHttpHealthCheck(ServiceHealth.Path)
    .WithServiceData(infrastructure, webhooksDb, migrations)
    .WithIdentityAuthority(identity)
    .WithDaprSidecar(cache);
// Outbound webhooks never reach loopback or private addresses, unless this machine's configuration says they may (a
// receiver on localhost while developing: --Webhooks:AllowPrivateAddresses=true).
if (string.Equals(builder.Configuration["Webhooks:AllowPrivateAddresses"], "true", StringComparison.OrdinalIgnoreCase))
{
    webhooks.WithEnvironment("Webhooks__Outbound__AllowPrivateAddresses", "true");
}

// Tells people what concerns them (their inbox, email) from the platform's events; mail goes to the local MailDev
// (its inbox is on the dashboard) or, published, to the mail service the connection string "mail" names.
var notifications = infrastructure.SendsMail(builder.AddProject<Projects.Notifications>("notifications")
    .WithHttpHealthCheck(ServiceHealth.Path)
    .WithServiceData(infrastructure, notificationsDb, migrations)
    .WithIdentityAuthority(identity)
    .WithDaprSidecar(cache));

// Attachments: resumable uploads, scanned by clamd before anyone can download them, their text extracted for search and
// images' variants made; the bytes on this machine's disk (published: Google Cloud Storage, README "Files").
const long maxUploadBytes = 100L * 1024 * 1024;
var files = infrastructure.ScansFiles(builder.AddProject<Projects.Files>("files")
    .WithHttpHealthCheck(ServiceHealth.Path)
    .WithServiceData(infrastructure, filesDb, migrations)
    .WithReference(projects).WaitFor(projects)
    .WithReference(collaboration).WaitFor(collaboration)
    .WithIdentityAuthority(identity)
    .WithDaprSidecar(cache))
    .WithFileStore(builder)
    .WithEnvironment("Files__MaxUploadBytes", maxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))
    // Signs download links: one key for every replica, kept across runs.
    .WithEnvironment("Files__LinkKey",
        builder.AddParameter("files-link-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true));

// The MCP server: stateless Streamable HTTP, so either replica answers any request of a client. It indexes tasks and
// documents for search from their events, and tells listening clients of their changes through Redis.
var ai = builder.AddProject<Projects.Ai>("ai")
    .WithHttpHealthCheck(ServiceHealth.Path)
    .WithReplicas(2)
    .WithServiceData(infrastructure, aiDb, migrations)
    .WithReference(projects).WaitFor(projects)
    .WithReference(collaboration).WaitFor(collaboration)
    .WithReference(analytics).WaitFor(analytics)
    .WithReference(notifications).WaitFor(notifications)
    .WithReference(files).WaitFor(files)
    .WithIdentityAuthority(identity)
    .WithDaprSidecar(cache)
    // Encrypts what organizations give the service (their model keys): one key for every replica, kept across runs.
    .WithEnvironment("Ai__SecretsKey",
        builder.AddParameter("ai-secrets-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true));
// The AI service's client secret at the identity service: it exchanges each caller's token for one narrowed to the
// scopes of the tool it runs (token exchange).
var aiClientSecret = builder.AddParameter("ai-client-secret", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
ai.WithEnvironment("Identity__AiClient__Secret", aiClientSecret);
identity.WithEnvironment("Identity__AiClient__Secret", aiClientSecret);
// Models are optional: the AppHost's ConnectionStrings:embeddings and ConnectionStrings:chat (user secrets or environment,
// "Endpoint=https://…/v1;Key=…;Model=…") reach the AI service when set (README "Search").
foreach (var model in new[] { "embeddings", "chat" })
{
    if (!string.IsNullOrEmpty(builder.Configuration[$"ConnectionStrings:{model}"]))
    {
        ai.WithReference(builder.AddConnectionString(model));
    }
}

var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithHttpHealthCheck(ServiceHealth.Path)
    .WithUnproxiedHttpEndpoint()
    .WithExternalHttpEndpoints()
    .WithReference(cache).WaitFor(cache)
    .WithIdentityAuthority(identity)
    .WithServiceRoute(identity, publicPaths: ["/connect", "/.well-known", "/account", "/signup"])
    // The limits the services set on their own Kestrel (ProjectsExtensions.MaxRequestBodyBytes, CollaborationExtensions.MaxHubMessageBytes).
    .WithServiceRoute(projects, maxRequestBodyBytes: 1024 * 1024)
    .WithServiceRoute(collaboration, maxRequestBodyBytes: 8 * 1024 * 1024)
    // The MCP endpoint answers anonymous callers itself: its 401 tells MCP clients where to sign in (RFC 9728).
    .WithServiceRoute(ai, publicPaths: ["/mcp", "/.well-known"])
    .WithServiceRoute(analytics)
    // Senders post to /api/webhooks/in/{id} without a token: each delivery is verified by its signature.
    .WithServiceRoute(webhooks, publicPaths: ["/in"])
    // One-click unsubscribe links in mails are posted to by mail clients without a token: the link's signature authorises.
    .WithServiceRoute(notifications, publicPaths: ["/unsubscribe"])
    // Uploads take up to the files service's limit (this route only); signed download links are opened without a token.
    .WithServiceRoute(files, maxRequestBodyBytes: maxUploadBytes + 1, aboveGatewayLimit: true, publicPaths: ["/blobs"])
    // An MCP client's subscriptions/listen stream stays quiet while nothing it listens to changes: longer than the
    // proxy's default of 100 s without a byte.
    .WithEnvironment("ReverseProxy__Clusters__ai__HttpRequest__ActivityTimeout", "01:00:00")
    // The edge: a client's own X-Forwarded-* headers are not believed (an ingress in front is named in ForwardedHeaders__KnownProxies).
    .WithEnvironment("ForwardedHeaders__TrustLoopback", "false")
    // The host names clients reach the gateway by (the ingress's in a cluster); any other Host is a 400, so no client picks
    // the addresses the services write into their answers.
    .WithEnvironment("Gateway__PublicHosts", builder.AddParameter("gateway-public-hosts", "localhost;127.0.0.1", publishValueAsDefault: true));

// The web client: a backend for the browser that signs people in (a confidential client of the identity service, which
// registers it with this secret and address) and calls the platform through the gateway, as every client does.
var webClientSecret = builder.AddParameter("web-client-secret", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
var web = builder.AddProject<Projects.Web>("web")
    .WithHttpHealthCheck(ServiceHealth.Path)
    .WithUnproxiedHttpEndpoint()
    .WithExternalHttpEndpoints()
    .WithReference(cache).WaitFor(cache)
    .WithReference(gateway).WaitFor(gateway)
    .WithIdentityAuthority(identity)
    .WithEnvironment("Web__ClientSecret", webClientSecret)
    // What the "connect an AI assistant" page tells people to point their MCP client at.
    .WithEnvironment("Web__PublicGatewayAddress", gateway.GetEndpoint("http"));
identity.WithEnvironment("Identity__WebClient__Secret", webClientSecret)
    .WithEnvironment("Identity__WebClient__BaseAddress", web.GetEndpoint("http"));
// What Slack and Teams messages and mails link to.
webhooks.WithEnvironment("Webhooks__WebAddress", web.GetEndpoint("http"));
notifications.WithEnvironment("Notifications__WebAddress", web.GetEndpoint("http"))
    .WithEnvironment("Notifications__ApiAddress", gateway.GetEndpoint("http"))
    // Signs the one-click unsubscribe links of mails: one key for every replica, kept across runs (old mails' links keep working).
    .WithEnvironment("Notifications__UnsubscribeKey",
        builder.AddParameter("notifications-unsubscribe-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true))
    // The server's web push (VAPID) key pair is derived from it: kept across runs, browsers stay subscribed.
    .WithEnvironment("Notifications__Push__Key",
        builder.AddParameter("notifications-push-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true));

builder.Build().Run();
