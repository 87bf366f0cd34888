using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Hosting;
using Akka.Serialization;
using KuaSheng.Actors.Serialization;
using Microsoft.Extensions.DependencyInjection;
using static KuaSheng.Actors.Tests.Serialization.SerializationSupport;

namespace KuaSheng.Actors.Tests.Serialization;

/// <summary>Through an actor system configured with HOCON (<see cref="KuaShengSerialization.Hocon"/>).</summary>
public class AkkaSerializationTests() : Akka.TestKit.Xunit2.TestKit(KuaShengSerialization.Hocon, "serialization-hocon")
{
    public static TheoryData<string> Manifests => AllManifests();

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Every_registered_type_resolves_to_our_serializer_and_round_trips(string manifest) =>
        AkkaAssertions.ResolvesAndRoundTrips(Sys, manifest);

    [Fact]
    public void Every_scanned_type_resolves_to_our_serializer() => AkkaAssertions.EveryScannedTypeIsOurs(Sys);

    [Fact]
    public void An_unbound_type_does_not_fall_back_to_the_default_serializer() => AkkaAssertions.IsStrict(Sys);
}

/// <summary>One actor system built by Akka.Hosting with <see cref="KuaShengSerialization.WithKuaShengSerialization"/>
/// (through the service provider, as a host would; the hosted service is not needed for serialization).</summary>
public sealed class HostedActorSystem : IAsyncLifetime
{
    private ServiceProvider? _services;
    public ActorSystem Sys => _services!.GetRequiredService<ActorSystem>();

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddAkka("serialization-hosting", (builder, _) => builder.WithKuaShengSerialization());
        _services = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_services is null) return;
        await CoordinatedShutdown.Get(Sys).Run(CoordinatedShutdown.ClrExitReason.Instance);
        await _services.DisposeAsync();
    }
}

public sealed class HostedSerializationTests(HostedActorSystem hosted) : IClassFixture<HostedActorSystem>
{
    public static TheoryData<string> Manifests => AllManifests();

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Every_registered_type_resolves_to_our_serializer_and_round_trips(string manifest) =>
        AkkaAssertions.ResolvesAndRoundTrips(hosted.Sys, manifest);

    [Fact]
    public void Every_scanned_type_resolves_to_our_serializer() => AkkaAssertions.EveryScannedTypeIsOurs(hosted.Sys);

    [Fact]
    public void An_unbound_type_does_not_fall_back_to_the_default_serializer() => AkkaAssertions.IsStrict(hosted.Sys);
}

internal static class AkkaAssertions
{
    public static void ResolvesAndRoundTrips(ActorSystem sys, string manifest)
    {
        var serialization = sys.Serialization;
        var sample = MessageSamples.For(ManifestRegistry.TypeByManifest[manifest]);

        var serializer = serialization.FindSerializerFor(sample);
        Assert.IsType<KuaShengSerializer>(serializer);
        Assert.Equal(1701, serializer.Identifier);
        Assert.Equal(manifest, Akka.Serialization.Serialization.ManifestFor(serializer, sample));

        var bytes = serialization.Serialize(sample);
        var back = serialization.Deserialize(bytes, serializer.Identifier, manifest);
        Assert.IsType(sample.GetType(), back);
        Assert.Equal(Json(sample), Json(back));
    }

    public static void EveryScannedTypeIsOurs(ActorSystem sys)
    {
        var wrong = ManifestRegistryTests.SerializableTypes()
            .Select(t => (Type: t, Serializer: sys.Serialization.FindSerializerForType(t)))
            .Where(x => x.Serializer is not KuaShengSerializer)
            .Select(x => $"{x.Type.Name} → {x.Serializer.GetType().Name}")
            .ToList();
        Assert.True(wrong.Count == 0, "Not our serializer: " + string.Join(", ", wrong));
        // the abstract roots themselves (a CaseEvent sent bare is looked up by its runtime type, but just in case)
        Assert.All(ManifestRegistry.BoundRoots, root => Assert.IsType<KuaShengSerializer>(sys.Serialization.FindSerializerForType(root)));
    }

    private sealed record Unbound(string X);

    public static void IsStrict(ActorSystem sys)
    {
        var e = Assert.ThrowsAny<Exception>(() => sys.Serialization.FindSerializerForType(typeof(Unbound)));
        Assert.IsType<SerializationException>(e);
        Assert.Contains("allow-unregistered-types", e.Message);
        Assert.ThrowsAny<Exception>(() => sys.Serialization.FindSerializerFor(new Unbound("x")));
        Assert.False(sys.Settings.Config.GetBoolean("akka.actor.serialization-settings.allow-unregistered-types", true));
    }
}
