namespace KuaSheng.Domain;

/// <summary>Header names of the HTTP contract (API.md) that the node and its clients (ksctl) both use.</summary>
public static class ApiHeaders
{
    /// <summary>Every POST accepts it: the same key with the same body answers the first answer again (API.md, "Idempotency").</summary>
    public const string IdempotencyKey = "Idempotency-Key";
}
