using Akka.Actor;
using Akka.Hosting;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Reference;
using KuaSheng.Api.Problems;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KuaSheng.Api.Catalogue;

/// <summary>The outcome of a reference change: the new version, a refusal, or "unavailable".</summary>
public sealed record ReferenceAnswer(long? Version, IResult? Problem)
{
    public bool Changed => Version is not null;
}

/// <summary>
/// Writes reference data (catalogue items, external units, calendar years) through the reference entity and
/// reads it from this node's copy. After a change it nudges the node's follower and waits (briefly) until the copy
/// has caught up, so that the caller reads its own write on this node.
/// </summary>
public sealed class ReferenceGateway(
    IRequiredActor<ReferenceRegion> region,
    IRequiredActor<ReferenceFollowerKey> follower,
    ReferenceDataStore store)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(5);

    /// <summary>This node's copy of the reference data.</summary>
    public ReferenceData Current => store.Current;

    public long Version => store.Version;

    public async Task<ReferenceAnswer> Change(ReferenceChange change, CancellationToken ct)
    {
        object reply;
        try
        {
            var actor = await region.GetAsync(ct);
            reply = await actor.Ask<object>(new ChangeReference(change), AskTimeout, ct);
        }
        catch (AskTimeoutException)
        {
            return new ReferenceAnswer(null, Problems.Problem.Unavailable(
                "The reference data did not answer in time; the cluster or its database may be busy. Try again."));
        }
        switch (reply)
        {
            case ReferenceRefused refused:
                return new ReferenceAnswer(null, Problems.Problem.From(new Refusal(refused.Code, refused.Message, ErrorsOf(refused))));
            case ReferenceChanged changed:
                await CatchUp(changed, ct);
                return new ReferenceAnswer(changed.Version, null);
            default:
                return new ReferenceAnswer(null, Problems.Problem.Unavailable($"Unexpected answer {reply.GetType().Name}."));
        }
    }

    /// <summary>Tells the follower and waits until this node's copy has the new version (it follows within ~2 s anyway).</summary>
    private async Task CatchUp(ReferenceChanged changed, CancellationToken ct)
    {
        var until = DateTime.UtcNow + CatchUpTimeout;
        var nudged = DateTime.MinValue;
        while (store.Version < changed.Version && DateTime.UtcNow < until)
        {
            if (DateTime.UtcNow - nudged > TimeSpan.FromMilliseconds(500))
            {
                (await follower.GetAsync(ct)).Tell(changed);
                nudged = DateTime.UtcNow;
            }
            await Task.Delay(15, ct);
        }
    }

    /// <summary>A validation refusal of the reference entity carries only a message: name the field it is about.</summary>
    private static IReadOnlyDictionary<string, string[]>? ErrorsOf(ReferenceRefused refused) =>
        refused.Code == RefusalCodes.ValidationFailed ? new Dictionary<string, string[]> { ["request"] = [refused.Message] } : null;

    public static IServiceCollection Register(IServiceCollection services)
    {
        services.TryAddSingleton<ReferenceGateway>();
        return services;
    }
}
