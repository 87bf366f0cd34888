namespace KuaSheng.Domain.Access;

/// <summary>Who reads and changes the cluster (集群: members, shards, projections): operators and supervisors read it,
/// only operators act on it (leave, down, rebuild). One rule for the admin API and the console's 集群 screen.</summary>
public static class AdminAccess
{
    public static bool MayReadCluster(Caller c) => c.Is(Roles.Operator, Roles.Supervisor);

    public static bool MayChangeCluster(Caller c) => c.Role == Roles.Operator;
}
