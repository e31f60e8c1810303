using Microsoft.Extensions.Logging;

namespace Platform.EventBus.Consuming;

/// <summary>
/// What the handlers of a batch want done once their writes are committed, and only then: telling listeners that
/// something changed (they would otherwise read before the change is there) or starting slow work that must not hold
/// the transaction open. A batch that fails drops its list with its scope, so nothing is told of writes that never
/// happened. An action's failure is logged; the events stay handled.
/// </summary>
public sealed partial class AfterCommit(ILogger<AfterCommit> logger)
{
    private readonly List<Action> _actions = [];

    public void Add(Action action) => _actions.Add(action);

    /// <summary>Runs what was added, once committed (the event dispatcher does; so does other work that commits itself).</summary>
    public void Run()
    {
        foreach (var action in _actions)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                LogFailed(logger, e);
            }
        }
        _actions.Clear();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An action after an event batch's commit failed; the events stay handled")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
