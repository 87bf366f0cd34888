using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Host.Lifecycle;

/// <summary>
/// Ties the process to its actor system. Stopping the host (SIGTERM, Ctrl+C) runs CoordinatedShutdown through
/// Akka.Hosting, which leaves the cluster gracefully (reason <see cref="CoordinatedShutdown.ClrExitReason"/>); that is a
/// clean exit. When the actor system terminates on its own (downed by the split-brain resolver or by an operator,
/// or any other reason), the node is useless: this stops the host and <see cref="ExitCode"/> becomes
/// <see cref="TerminatedExitCode"/>, so a supervisor (systemd, Kubernetes) sees a failure and restarts it.
/// Registered after AddKuaSheng, so it starts once the actor system has started.
/// </summary>
public sealed class ActorSystemWatcher(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<ActorSystemWatcher> logger)
    : IHostedService
{
    public const int TerminatedExitCode = 3;

    private volatile ActorSystem? _system;
    private volatile string? _terminationReason;

    /// <summary>The node's actor system once it has started; null before.</summary>
    public ActorSystem? System => _system;

    /// <summary>Why the actor system terminated on its own; null while it runs or when the host stopped it.</summary>
    public string? UnexpectedTermination => _terminationReason;

    /// <summary>0 for a clean stop; <see cref="TerminatedExitCode"/> when the actor system terminated on its own.</summary>
    public int ExitCode => _terminationReason is null ? 0 : TerminatedExitCode;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var system = services.GetRequiredService<ActorSystem>();
        _system = system;
        system.WhenTerminated.ContinueWith(_ => OnTerminated(system), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnTerminated(ActorSystem system)
    {
        var reason = CoordinatedShutdown.Get(system).ShutdownReason;
        if (reason is CoordinatedShutdown.ClrExitReason)
        {
            logger.LogInformation("Actor system {ActorSystem} terminated: the host is stopping", system.Name);
            return;
        }
        if (reason is CoordinatedShutdown.ClusterLeavingReason)
        {
            // An operator asked this node to leave (ksctl cluster leave): a clean stop, exit 0, so that a supervisor
            // (systemd, Kubernetes) does not start it again into the cluster it was taken out of.
            logger.LogInformation("Actor system {ActorSystem} left the cluster on request: stopping the node", system.Name);
            lifetime.StopApplication();
            return;
        }
        _terminationReason = reason?.GetType().Name ?? "terminated without coordinated shutdown";
        logger.LogCritical("Actor system {ActorSystem} terminated on its own ({Reason}); stopping the node with exit code {ExitCode}",
            system.Name, _terminationReason, TerminatedExitCode);
        lifetime.StopApplication();
    }
}
