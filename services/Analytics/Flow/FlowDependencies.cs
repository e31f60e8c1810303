using Platform.Analytics.Data;
using Platform.Contracts.Tasks;

namespace Platform.Analytics.Flow;

public static class FlowDependencies
{
    public static FlowDependency Of(DependencyAdded added) => new()
    {
        PredecessorId = added.PredecessorId,
        SuccessorId = added.SuccessorId,
        OrganizationId = added.OrganizationId,
        Type = added.Type,
        LagDays = added.LagDays,
    };
}
