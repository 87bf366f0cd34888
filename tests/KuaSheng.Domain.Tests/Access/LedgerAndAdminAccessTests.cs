using KuaSheng.Domain.Access;

namespace KuaSheng.Domain.Tests.Access;

/// <summary>Who reads which ledger and who reads or changes the cluster: the rules GET /ledger, the admin API and the
/// console's 月度台账, 好差评 and 集群 share.</summary>
public class LedgerAndAdminAccessTests
{
    private static Caller C(string role, params string[] units) => new(role, $"{role}-1", units);

    [Fact]
    public void Supervisors_read_every_units_ledger_officers_and_windows_their_own_only()
    {
        Assert.Equal((true, (string?)null), LedgerAccess.Scope(C(Roles.Supervisor), null));
        Assert.Equal((true, "qj-hrss"), LedgerAccess.Scope(C(Roles.Supervisor), "qj-hrss"));
        Assert.Equal((true, "qj-hrss"), LedgerAccess.Scope(C(Roles.Officer, "qj-hrss"), null));
        Assert.Equal((true, "qj-window"), LedgerAccess.Scope(C(Roles.Window, "qj-window"), "qj-window"));
        Assert.False(LedgerAccess.Scope(C(Roles.Officer, "qj-hrss"), "qj-window").Allowed);
        Assert.False(LedgerAccess.MayRead(C(Roles.Integration, "qj-hrss")));
        Assert.False(LedgerAccess.MayRead(C(Roles.Operator)));
        Assert.False(LedgerAccess.MayRead(C(Roles.Carrier)));
        Assert.True(LedgerAccess.ReadsEveryUnit(C(Roles.Supervisor)));
        Assert.False(LedgerAccess.ReadsEveryUnit(C(Roles.Officer, "qj-hrss")));
    }

    [Fact]
    public void Operators_and_supervisors_read_the_cluster_only_operators_change_it()
    {
        Assert.True(AdminAccess.MayReadCluster(C(Roles.Operator)));
        Assert.True(AdminAccess.MayReadCluster(C(Roles.Supervisor)));
        Assert.False(AdminAccess.MayReadCluster(C(Roles.Window, "qj-window")));
        Assert.True(AdminAccess.MayChangeCluster(C(Roles.Operator)));
        Assert.False(AdminAccess.MayChangeCluster(C(Roles.Supervisor)));
    }
}
