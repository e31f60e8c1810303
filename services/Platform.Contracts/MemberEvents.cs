namespace Platform.Contracts;

/// <summary>
/// Someone became a member of the organization (signed up, founded it, accepted an invitation), with what the other
/// services need to address them: the notifications service keeps its directory of people from these events.
/// <see cref="Role"/> is owner, admin, member or viewer.
/// </summary>
[IntegrationEvent("members", "platform.member.joined", 1)]
public sealed record MemberJoined(Guid UserId, string Email, string DisplayName, string Role) : IntegrationEvent
{
    public override string Subject => UserId.ToString();

    /// <summary>The organization's name, as it is now (mail is signed with it).</summary>
    public string? OrganizationName { get; init; }
}

/// <summary>A member was given another role; becoming an owner is told to every owner, whatever they chose to hear.</summary>
[IntegrationEvent("members", "platform.member.role-changed", 1)]
public sealed record MemberRoleChanged(Guid UserId, string FromRole, string ToRole) : IntegrationEvent
{
    public override string Subject => UserId.ToString();
}

/// <summary>A member left the organization or was removed from it.</summary>
[IntegrationEvent("members", "platform.member.left", 1)]
public sealed record MemberLeft(Guid UserId) : IntegrationEvent
{
    public override string Subject => UserId.ToString();
}

/// <summary>
/// A personal access token was created for a user: a security notice that reaches them whatever they chose to hear, so
/// a token they did not make is noticed.
/// </summary>
[IntegrationEvent("members", "platform.member.token-created", 1)]
public sealed record AccessTokenCreated(Guid UserId, Guid TokenId, string Name, string[] Scopes, DateTimeOffset ExpiresAt) : IntegrationEvent
{
    public override string Subject => UserId.ToString();
}
