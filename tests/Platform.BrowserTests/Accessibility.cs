using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Platform.BrowserTests;

/// <summary>axe-core's checks on the page as it is now: none of impact serious or critical.</summary>
internal static class Accessibility
{
    public static async Task ExpectNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(violation => violation.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: " + string.Join("\n", serious.Select(violation =>
            $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target?.ToString()))}")));
    }
}
