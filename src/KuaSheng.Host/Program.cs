// A KuaSheng node: `dotnet run --project src/KuaSheng.Host` starts a single-node cluster on 127.0.0.1 with SQLite in
// ./data and HTTP on http://127.0.0.1:5080 (cluster-config/single-node.json). See the README for configuration.
using KuaSheng.Host;

Microsoft.AspNetCore.Builder.WebApplication app;
try
{
    app = KuaShengNode.Build(args);
}
catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or IOException)
{
    // Before the logger exists (a configuration file, a secret file): say what is wrong, exit 1 as for any failed start.
    Console.Error.WriteLine($"KuaSheng node could not start: {e.Message}");
    return 1;
}
return await KuaShengNode.RunAsync(app);
