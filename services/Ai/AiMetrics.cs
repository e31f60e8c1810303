using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Ai;

/// <summary>MCP tool calls: how many, by tool and outcome, and how long they take; chat model answers by model and outcome (answered, cached, error).</summary>
public sealed class AiMetrics
{
    public const string MeterName = "Platform.Ai";

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _answers;

    public AiMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _calls = meter.CreateCounter<long>("mcp.tool.calls", description: "MCP tool calls, by tool and outcome");
        _duration = meter.CreateHistogram<double>("mcp.tool.duration", unit: "ms", description: "MCP tool call duration");
        _answers = meter.CreateCounter<long>("ai.chat.answers", description: "Chat model answers, by model and outcome: answered, cached (no model call), error");
    }

    public void Answered(string model, string outcome) =>
        _answers.Add(1, new TagList { { "model", model }, { "outcome", outcome } });

    public void Called(string tool, string outcome, double milliseconds)
    {
        var tags = new TagList { { "tool", tool }, { "outcome", outcome } };
        _calls.Add(1, tags);
        _duration.Record(milliseconds, tags);
    }
}
