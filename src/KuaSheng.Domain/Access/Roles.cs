namespace KuaSheng.Domain.Access;

/// <summary>The roles of API.md (the <c>role</c> claim of a token).</summary>
public static class Roles
{
    public const string Window = "window";
    public const string Officer = "officer";
    public const string Integration = "integration";
    public const string Carrier = "carrier";
    public const string Supervisor = "supervisor";
    public const string Operator = "operator";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Window, Officer, Integration, Carrier, Supervisor, Operator };
}
