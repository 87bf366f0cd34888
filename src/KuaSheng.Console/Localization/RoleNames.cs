using KuaSheng.Domain.Access;

namespace KuaSheng.Console.Localization;

/// <summary>A role (<see cref="Roles"/>) in words.</summary>
public static class RoleNames
{
    public static Text Of(string role) => role switch
    {
        Roles.Window => T.RoleWindow,
        Roles.Officer => T.RoleOfficer,
        Roles.Integration => T.RoleIntegration,
        Roles.Carrier => T.RoleCarrier,
        Roles.Supervisor => T.RoleSupervisor,
        Roles.Operator => T.RoleOperator,
        _ => new Text(role, role),
    };
}
