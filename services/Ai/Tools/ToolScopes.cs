using System.Collections.Frozen;
using static Microsoft.Extensions.Hosting.PlatformScopes;

namespace Platform.Ai.Tools;

/// <summary>
/// The scopes each tool may use: its call runs with a token holding those of them the caller's token holds, and
/// nothing else (<see cref="ToolSandbox"/>). A tool missing here is refused, so a new tool cannot run unlisted.
/// </summary>
public static class ToolScopes
{
    private static readonly string[] ReadTasks = [ProjectsRead];
    private static readonly string[] WriteTasks = [ProjectsRead, ProjectsWrite];
    private static readonly string[] ReadAll = [ProjectsRead, DocsRead];

    public static readonly FrozenDictionary<string, string[]> ByTool = new Dictionary<string, string[]>
    {
        ["list_projects"] = ReadTasks,
        ["get_critical_path"] = ReadTasks,
        ["list_tasks"] = ReadTasks,
        ["get_task"] = ReadTasks,
        ["get_task_code"] = ReadTasks,
        ["forecast"] = ReadTasks,
        ["get_risks"] = ReadTasks,
        ["get_inbox"] = ReadTasks,
        ["create_task"] = WriteTasks,
        ["update_task"] = WriteTasks,
        ["transition_task"] = WriteTasks,
        ["add_comment"] = WriteTasks,
        ["add_dependency"] = WriteTasks,
        ["remove_dependency"] = WriteTasks,
        ["delete_task"] = WriteTasks,
        ["mark_notifications_read"] = WriteTasks,
        ["list_documents"] = [DocsRead],
        ["read_document"] = [DocsRead],
        ["edit_document"] = [DocsRead, DocsWrite],
        // Attachments are on tasks or documents; the files service asks their owner as the caller.
        ["list_attachments"] = ReadAll,
        ["read_attachment"] = ReadAll,
        ["search"] = ReadAll,
        ["answer_question"] = ReadAll,
        ["rate_answer"] = ReadAll,
        ["get_recent_activity"] = ReadAll,
    }.ToFrozenDictionary();
}
