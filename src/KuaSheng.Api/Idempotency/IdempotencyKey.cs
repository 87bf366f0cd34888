namespace KuaSheng.Api.Idempotency;

/// <summary>What an <c>Idempotency-Key</c> may be: 1 to 200 printable ASCII characters (space to tilde).</summary>
public static class IdempotencyKey
{
    public const int MaxLength = 200;

    /// <summary>Null when the key is acceptable, else why not (without echoing the key back).</summary>
    public static string? Problem(string key)
    {
        if (key.Length == 0) return "The Idempotency-Key must not be empty.";
        if (key.Length > MaxLength) return $"The Idempotency-Key may be at most {MaxLength} characters.";
        foreach (var c in key)
        {
            if (c < ' ' || c > '~') return "The Idempotency-Key may contain only printable ASCII characters.";
        }
        return null;
    }
}
