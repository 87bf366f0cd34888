using Akka;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Api.Draining;

/// <summary>Begins the drain when the node leaves: as the first task of the actor system's coordinated shutdown (phase
/// before-service-unbind, before the shards are handed over), waiting up to <see cref="InFlightGrace"/> for the
/// requests in flight; and when the host stops (SIGTERM), where the web server then waits for them itself before the
/// actor system shuts down.</summary>
public sealed class DrainOnLeave(IServiceProvider services, NodeDrain drain, IHostApplicationLifetime lifetime, ILogger<DrainOnLeave> log)
    : IHostedService
{
    /// <summary>How long a leaving node waits for the requests it is answering before its shards move.</summary>
    public static readonly TimeSpan InFlightGrace = TimeSpan.FromSeconds(5);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(drain.Begin);
        var system = services.GetRequiredService<ActorSystem>();
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "kuasheng-drain-api", async () =>
        {
            drain.Begin();
            var inFlight = drain.InFlight;
            var answered = await drain.WaitForInFlightAsync(InFlightGrace);
            log.LogInformation("Leaving: new API requests are refused with 503; {InFlight} in flight {Outcome}", inFlight,
                answered ? "were answered" : $"not all answered within {InFlightGrace.TotalSeconds:0} s");
            return Done.Instance;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
