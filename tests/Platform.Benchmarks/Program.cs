using Platform.Benchmarks;

// dotnet run -c Release --project tests/Platform.Benchmarks -- gateway [requests]
// dotnet run -c Release --project tests/Platform.Benchmarks -- events [events] [events per commit] [append-only]
// dotnet run -c Release --project tests/Platform.Benchmarks -- critical-path [activities] [links]
// dotnet run -c Release --project tests/Platform.Benchmarks -- task-list [tasks] [requests per second] [seconds]
// dotnet run -c Release --project tests/Platform.Benchmarks -- editing-trace [path to automerge-paper.json.gz] [runs]
// dotnet run -c Release --project tests/Platform.Benchmarks -- transform
// dotnet run -c Release --project tests/Platform.Benchmarks -- search [tasks] [documents] [calls]
// dotnet run -c Release --project tests/Platform.Benchmarks -- search-quality [queries per set]
// dotnet run -c Release --project tests/Platform.Benchmarks -- search-tuning [training questions] [held-out queries] [passes]
// dotnet run -c Release --project tests/Platform.Benchmarks -- web [board tasks] [timeline tasks] [loads] [moves]
// dotnet run -c Release --project tests/Platform.Benchmarks -- editor [keystrokes] [large document KB]
// dotnet run -c Release --project tests/Platform.Benchmarks -- collab-load [documents] [editors per document] [ops/s per editor] [seconds] [editors on one document]
// dotnet run -c Release --project tests/Platform.Benchmarks -- forecast [remaining tasks] [runs]
// dotnet run -c Release --project tests/Platform.Benchmarks -- backtest [path to a Jira export: jira.csv] [history weeks]
// dotnet run -c Release --project tests/Platform.Benchmarks -- rebuild [tasks]
// dotnet run -c Release --project tests/Platform.Benchmarks -- webhooks [deliveries] [inbound concurrency]
// dotnet run -c Release --project tests/Platform.Benchmarks -- notifications [events] [events per commit]
return args.FirstOrDefault() switch
{
    "forecast" => Platform.Benchmarks.Analytics.ForecastBench.RunForecast(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 30),
    "backtest" => Platform.Benchmarks.Analytics.ForecastBench.RunBacktest(
        args.Length > 1 ? args[1] : Path.Combine("..", "shared", "data", "agile-project-dataset", "jira.csv"),
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 13),
    "rebuild" => await Platform.Benchmarks.Analytics.RebuildBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000),
    "gateway" => await GatewayBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000),
    "events" => await Platform.Benchmarks.Events.EventsBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1,
        args.Contains("append-only")),
    "critical-path" => Platform.Benchmarks.CriticalPathBench.Run(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 300_000),
    "task-list" => await TaskListBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 500,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 30),
    "editing-trace" => Platform.Benchmarks.Collaboration.EditingTraceBench.Run(
        args.Length > 1 ? args[1] : Path.Combine("..", "shared", "data", "automerge-paper.json.gz"),
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 30),
    "transform" => Platform.Benchmarks.Collaboration.TransformBench.Run(),
    "collab-load" => await Platform.Benchmarks.Collaboration.CollaborationLoadBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10,
        args.Length > 3 ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5,
        args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 30,
        args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 200),
    "search" => await SearchBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 500),
    "search-quality" => await SearchQualityBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300),
    "search-tuning" => await SearchQualityBench.TuningAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 300,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2),
    "web" => await WebBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 10,
        args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 200),
    "editor" => await EditorBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1024),
    "notifications" => await Platform.Benchmarks.Notifications.NotificationsBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100),
    "notifications-graph" => await Platform.Benchmarks.Notifications.NotificationsGraphBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200),
    "webhooks" => await Platform.Benchmarks.Webhooks.WebhooksBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4),
    "files" => await Platform.Benchmarks.Files.FilesBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 50),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Platform.Benchmarks forecast [remaining] [runs] | backtest [jira.csv] [history weeks] | gateway [requests] | events [events] [events per commit] [append-only] | critical-path [activities] [links] | task-list [tasks] [requests per second] [seconds] | editing-trace [path] [runs] | transform | collab-load [documents] [editors] [ops/s] [seconds] [crowd] | search [tasks] [documents] [calls] | web [board tasks] [timeline tasks] [loads] [moves] | editor [keystrokes] [large document KB] | webhooks [deliveries] [inbound concurrency] | notifications [events] [events per commit] | notifications-graph [assignments] | files [uploads] [megabytes] [searches]");
    return 2;
}
