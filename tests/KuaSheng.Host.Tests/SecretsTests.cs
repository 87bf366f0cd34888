namespace KuaSheng.Host.Tests;

/// <summary>Database credentials from files or the environment, never in the node's output; production refuses to
/// start without the cluster certificate (issue 11.3).</summary>
public sealed class SecretsTests
{
    [PostgresFact]
    public async Task The_connection_string_comes_from_a_file_and_its_password_is_never_logged()
    {
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var database = await PostgresFactAttribute.FreshDatabaseAsync("ks_secrets_");
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "connection-string");
        File.WriteAllText(file, database + ";Password=" + password + "\n");
        using var node = new ChildNode(new Dictionary<string, string>
        {
            ["KuaSheng__Database"] = "PostgreSql",
            ["KuaSheng__ConnectionStringFile"] = file,
            ["KuaSheng__Logging__Level"] = "Debug",
        });
        await node.WaitReadyAsync();
        node.Terminate();
        Assert.Equal(0, await node.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain(password, node.Output);
        Assert.Contains("Starting KuaSheng node", node.Output);
    }

    [PostgresFact]
    public async Task A_password_from_the_environment_is_not_logged_even_when_the_database_cannot_be_reached()
    {
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var passwordFile = "file-pw-" + Guid.NewGuid().ToString("N");
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "db-password");
        File.WriteAllText(file, passwordFile + "\n");
        // Nothing listens on the port: the journal, the read models and the probes fail and log it.
        var closed = $"Host=127.0.0.1;Port={FreePort.Next()};Database=nowhere;Username=kuasheng;Timeout=2";
        using var fromEnvironment = new ChildNode(new Dictionary<string, string>
        {
            ["KuaSheng__Database"] = "PostgreSql",
            ["KuaSheng__ConnectionString"] = closed,
            ["KuaSheng__DatabasePassword"] = password,
            ["KuaSheng__Logging__Level"] = "Debug",
        });
        using var fromFile = new ChildNode(new Dictionary<string, string>
        {
            ["KuaSheng__Database"] = "PostgreSql",
            ["KuaSheng__ConnectionString"] = closed,
            ["KuaSheng__DatabasePasswordFile"] = file,
            ["KuaSheng__Logging__Level"] = "Debug",
        });
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < deadline && !(Failed(fromEnvironment) && Failed(fromFile))) await Task.Delay(500);
        Assert.True(Failed(fromEnvironment), "no database failure logged:\n" + fromEnvironment.Tail());
        Assert.DoesNotContain(password, fromEnvironment.Output);
        Assert.DoesNotContain(passwordFile, fromFile.Output);
        return;

        static bool Failed(ChildNode node) => node.Output.Contains("Failed to connect", StringComparison.OrdinalIgnoreCase)
            || node.HasExited;
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_cluster_certificate_or_a_query_code_secret()
    {
        var output = await ChildNode.RefusedProductionStart(new Dictionary<string, string>());
        Assert.Contains("KuaSheng:Cluster:Tls:CertificatePath", output);
        // Every reason at once: nor has it a query-code secret of its own.
        Assert.Contains("KuaSheng:QueryCodes:Secret", output);
    }
}
