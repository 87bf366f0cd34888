// A KuaSheng node: `dotnet run --project src/KuaSheng.Host` starts a single-node cluster on 127.0.0.1 with SQLite in
// ./data and HTTP on http://127.0.0.1:5080 (cluster-config/single-node.json). See the README for configuration.
using KuaSheng.Host;

var app = KuaShengNode.Build(args);
return await KuaShengNode.RunAsync(app);
