using System.Runtime.Serialization;
using System.Text;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Serialization;
using KuaSheng.Actors.Units;
using KuaSheng.Domain.Cases;
using static KuaSheng.Actors.Tests.Serialization.SerializationSupport;

namespace KuaSheng.Actors.Tests.Serialization;

public class RoundTripTests
{
    public static TheoryData<string> Manifests => AllManifests();

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Every_registered_type_round_trips(string manifest)
    {
        var type = ManifestRegistry.TypeByManifest[manifest];
        var sample = MessageSamples.For(type);
        Assert.Equal(manifest, Serializer.Manifest(sample));

        var bytes = Serializer.ToBinary(sample);
        var back = Serializer.FromBinary(bytes, manifest);

        Assert.IsType(type, back);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Json(back));
    }

    [Fact]
    public void Every_registered_type_has_a_sample_and_every_sample_is_registered()
    {
        var registered = ManifestRegistry.Entries.Select(e => e.Type).ToHashSet();
        var withoutSample = registered.Where(t => !MessageSamples.All.ContainsKey(t)).Select(t => t.Name).ToList();
        var unregistered = MessageSamples.All.Keys.Where(t => !registered.Contains(t)).Select(t => t.Name).ToList();
        Assert.True(withoutSample.Count == 0, "No sample in MessageSamples for: " + string.Join(", ", withoutSample));
        Assert.True(unregistered.Count == 0, "Samples of types not in ManifestRegistry: " + string.Join(", ", unregistered));
    }

    [Fact]
    public void Records_without_collections_are_equal_after_a_round_trip()
    {
        var plain = MessageSamples.All.Values.Where(v => v.GetType().GetProperties()
            .All(p => p.PropertyType == typeof(string) || p.PropertyType.IsValueType || Nullable.GetUnderlyingType(p.PropertyType) is not null));
        Assert.NotEmpty(plain);
        Assert.All(plain, sample => Assert.Equal(sample, RoundTrip(sample)));
    }

    [Fact]
    public void A_nested_event_carries_its_manifest_and_comes_back_as_its_type()
    {
        var journal = (CaseJournalEvent)MessageSamples.For(typeof(CaseJournalEvent));
        var json = Json(journal);
        Assert.Contains("\"event\":{\"$type\":\"ev.sub\"", json);
        var back = Assert.IsType<CaseJournalEvent>(RoundTrip(journal));
        var submitted = Assert.IsType<CaseSubmitted>(back.Event);
        Assert.Equal(MessageSamples.Submitted.Applicant, submitted.Applicant);
        Assert.Equal(MessageSamples.Submitted.At, submitted.At);
        Assert.Equal(MessageSamples.Submitted.At.Offset, submitted.At.Offset);
        Assert.Equal(MessageSamples.Submitted.Legs, submitted.Legs);
    }

    [Fact]
    public void A_nested_command_carries_its_manifest()
    {
        var request = (CaseRequest)MessageSamples.For(typeof(CaseRequest));
        Assert.Contains("\"command\":{\"$type\":\"cmd.wdr\"", Json(request));
        var back = Assert.IsType<CaseRequest>(RoundTrip(request));
        Assert.Equal(request, back);
    }

    [Fact]
    public void The_discriminator_need_not_come_first()
    {
        const string json = """{"commandId":"c1","command":{"reason":"r","by":{"role":"clerk","subject":"s","unitId":null},"$type":"cmd.wdr"},"caseId":"x"}""";
        var back = Assert.IsType<CaseRequest>(Serializer.FromBinary(Encoding.UTF8.GetBytes(json), "cp.req"));
        Assert.Equal(new Withdraw("r", new CommandActor("clerk", "s", null)), back.Command);
    }

    [Fact]
    public void A_nested_member_with_an_unknown_discriminator_fails()
    {
        const string json = """{"caseId":"x","commandId":"c1","command":{"$type":"cmd.nope","by":{"role":"clerk","subject":"s","unitId":null}}}""";
        Assert.Throws<SerializationException>(() => Serializer.FromBinary(Encoding.UTF8.GetBytes(json), "cp.req"));
    }

    [Fact]
    public void Enums_are_written_by_name_and_numbers_are_refused()
    {
        var json = Json(new CaseSyncAck("u", "c", 1));
        Assert.DoesNotContain("$type", json); // top level: the manifest says the type

        var track = Json(MessageSamples.For(typeof(Waybills.TrackWaybill)));
        Assert.Contains("\"status\":\"Signed\"", track);
        var numeric = track.Replace("\"status\":\"Signed\"", "\"status\":4");
        Assert.Throws<SerializationException>(() => Serializer.FromBinary(Encoding.UTF8.GetBytes(numeric), "wp.trk"));
    }

    [Fact]
    public void Dates_keep_their_offset_and_ticks_and_DateOnly_is_a_plain_date()
    {
        var shifted = Json(MessageSamples.For(typeof(DeadlinesShifted)));
        Assert.Contains("\"due\":\"2025-04-25\"", shifted);
        Assert.Contains("\"at\":\"2025-03-14T09:30:15.1234567+08:00\"", shifted);
    }

    [Fact]
    public void Computed_members_are_not_written()
    {
        var json = Json(MessageSamples.For(typeof(CaseSnapshot)));
        Assert.DoesNotContain("needsOriginals", json);
        Assert.DoesNotContain("currentLegs", json);
        Assert.DoesNotContain("isOpen", json);
        Assert.Contains("\"timeline\":[", json);
    }

    [Fact]
    public void Snapshot_state_comes_back_with_immutable_lists_and_the_refusal_dictionary()
    {
        var reply = Assert.IsType<CaseReply>(RoundTrip(MessageSamples.For(typeof(CaseReply))));
        Assert.Equal(MessageSamples.State.Mailings[0].Events, reply.State!.Mailings[0].Events);
        Assert.Equal(MessageSamples.State.Deadlines, reply.State.Deadlines);
        Assert.Equal(17, reply.State.Version);
        Assert.True(reply.State.NeedsOriginals);
        Assert.Equal(["校验码错误", "出生日期无效"], reply.Refusal!.Errors!["applicant.idNumber"]);
    }

    [Fact]
    public void Unknown_manifest_throws_a_SerializationException_naming_it()
    {
        var e = Assert.Throws<SerializationException>(() => Serializer.FromBinary("{}"u8.ToArray(), "ev.gone"));
        Assert.Contains("'ev.gone'", e.Message);
        Assert.Contains(nameof(ManifestRegistry), e.Message);
    }

    private sealed record NotRegistered(string X) : IKuaShengMessage;

    [Fact]
    public void A_message_without_a_manifest_is_refused_on_write()
    {
        var e = Assert.Throws<SerializationException>(() => Serializer.Manifest(new NotRegistered("x")));
        Assert.Contains(nameof(ManifestRegistry), e.Message);
        Assert.Throws<SerializationException>(() => Serializer.ToBinary(new NotRegistered("x")));
    }

    [Fact]
    public void Null_in_a_non_nullable_member_is_refused_on_write() =>
        Assert.Throws<SerializationException>(() => Serializer.ToBinary(new UnitCaseViewUpdated(null!)));

    [Theory]
    [InlineData("ev.sub", "{}")]                                                       // required members missing
    [InlineData("ev.nac", """{"reason":null,"at":"2025-03-14T09:30:15+08:00","by":"x"}""")] // null in a non-nullable string
    [InlineData("ev.nac", """{"reason":"r","at":"2025-03-14T09:30:15+08:00"}""")]            // a non-optional member missing
    [InlineData("cp.snp", """{"state":{"caseId":"x"},"recentCommandIds":[]}""")]             // CaseState's required members missing
    [InlineData("ev.cmp", "null")]
    [InlineData("ev.cmp", "{not json")]
    public void Incomplete_or_broken_payloads_throw_a_SerializationException(string manifest, string json) =>
        Assert.Throws<SerializationException>(() => Serializer.FromBinary(Encoding.UTF8.GetBytes(json), manifest));

    [Fact]
    public void An_unknown_member_from_a_newer_writer_is_ignored()
    {
        var back = Serializer.FromBinary("""{"reason":"r","at":"2025-03-14T09:30:15+08:00","by":"x","addedLater":[1,2]}"""u8.ToArray(), "ev.nac");
        Assert.Equal(new CaseNotAccepted("r", new DateTimeOffset(2025, 3, 14, 9, 30, 15, TimeSpan.FromHours(8)), "x"), back);
    }

    /// <summary>Pins a known limit: System.Text.Json writes an unpaired surrogate as U+FFFD (it cannot be valid JSON
    /// text). Inputs parsed by System.Text.Json cannot hold one, so this only matters for strings built in code.</summary>
    [Fact]
    public void A_lone_surrogate_is_replaced_by_the_replacement_character()
    {
        var back = Assert.IsType<Waybills.WaybillTaken>(RoundTrip(new Waybills.WaybillTaken("SF\uD800123")));
        Assert.Equal("SF\uFFFD123", back.WaybillNumber);
    }
}
