namespace Platform.Data;

/// <summary>
/// The organization the current unit of work acts for. It flows with the async call (a request, or an
/// event handler that entered it), so every database connection opened inside sees the same tenant.
/// </summary>
public sealed class TenantContext
{
    private readonly AsyncLocal<Guid?> _current = new();

    public Guid? OrganizationId => _current.Value;

    /// <summary>For code behind the default authorization policy, which admits only callers with an organization.</summary>
    public Guid RequiredOrganizationId =>
        _current.Value ?? throw new InvalidOperationException("No organization is set: this code must run for an authenticated caller with an org claim.");

    /// <summary>Acts for <paramref name="organizationId"/> until the returned scope is disposed.</summary>
    public IDisposable Enter(Guid organizationId)
    {
        var previous = _current.Value;
        _current.Value = organizationId;
        return new Exit(_current, previous);
    }

    private sealed class Exit(AsyncLocal<Guid?> current, Guid? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }
}
