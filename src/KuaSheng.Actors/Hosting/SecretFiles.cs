namespace KuaSheng.Actors.Hosting;

/// <summary>Secrets mounted as files (Kubernetes secrets, systemd credentials): one value, its first line.</summary>
public static class SecretFiles
{
    public static string FirstLine(string path)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"Secret file {path} does not exist.");
        using var reader = new StreamReader(path);
        return (reader.ReadLine() ?? "").Trim();
    }
}
