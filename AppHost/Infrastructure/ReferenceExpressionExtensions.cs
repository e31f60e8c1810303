namespace Platform.AppHost.Infrastructure;

internal static class ReferenceExpressionExtensions
{
    /// <summary>
    /// Health checks are built after the resource's endpoints are allocated, when every part of the
    /// expression is already known; resolving it synchronously there is safe.
    /// </summary>
    public static string ResolveNow(this ReferenceExpression expression) =>
        expression.GetValueAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()
        ?? throw new InvalidOperationException($"'{expression.ValueExpression}' has no value yet.");
}
