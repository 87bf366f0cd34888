using KuaSheng.Actors.Hosting;
using Microsoft.Extensions.Hosting;

namespace KuaSheng.Host.Lifecycle;

/// <summary>Refuses to start a node whose TLS settings cannot work (production without a certificate, a missing file),
/// before the actor system starts, with a message that says what to set: the node exits with code 1.</summary>
internal sealed class TlsCheck(KuaShengOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Cluster.Tls.Problem() is { } problem ? throw new InvalidOperationException(problem) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
