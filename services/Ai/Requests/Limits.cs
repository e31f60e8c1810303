namespace Platform.Ai.Requests;

/// <summary>Checks of arguments that every operation shares.</summary>
public static class Limits
{
    /// <summary><paramref name="value"/> when it is within 1 to <paramref name="max"/>.</summary>
    public static int PageSize(int value, string argument, int max) =>
        value >= 1 && value <= max ? value : throw new InvalidArgumentException(argument, $"must be between 1 and {max}.");

    /// <summary>The trimmed text when it holds 1 to <paramref name="maxLength"/> characters.</summary>
    public static string Text(string? value, string argument, int maxLength)
    {
        var text = value?.Trim() ?? "";
        return text.Length is 0 || text.Length > maxLength ? throw new InvalidArgumentException(argument, $"1 to {maxLength} characters.") : text;
    }
}
