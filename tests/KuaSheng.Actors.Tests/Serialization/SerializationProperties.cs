using CsCheck;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Waybills;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Cases;
using static KuaSheng.Actors.Tests.Serialization.SerializationSupport;

namespace KuaSheng.Actors.Tests.Serialization;

public class SerializationProperties
{
    // Valid UTF-16 text: ASCII (quotes, backslashes, control characters), CJK, full-width forms, emoji (surrogate pairs).
    private static readonly Gen<string> Text = Gen.Frequency(
            (4, Gen.Char[' ', '~'].Select(c => c.ToString())),
            (2, Gen.Char['\u0000', '\u001f'].Select(c => c.ToString())),
            (4, Gen.Char['\u4e00', '\u9fff'].Select(c => c.ToString())),
            (1, Gen.Char["\"\\/<>&'　１ｘ\u200B\u2028\u2029\u00e9\u0301\ufeff\uffff"].Select(c => c.ToString())),
            (1, Gen.Int[0x1F300, 0x1FAFF].Select(char.ConvertFromUtf32)))
        .Array[0, 30].Select(parts => string.Concat(parts));

    private static readonly Gen<DateTimeOffset> Instants =
        Gen.Select(Gen.Long[DateTimeOffset.MinValue.UtcTicks + TimeSpan.TicksPerDay, DateTimeOffset.MaxValue.UtcTicks - TimeSpan.TicksPerDay],
                   Gen.Int[-14 * 4, 14 * 4])
            .Select((ticks, quarters) => new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(15 * quarters)));

    private static readonly Gen<Applicant> Applicants =
        Gen.Select(Gen.Enum<ApplicantKind>(), Text, Text, Text, Text, Text.Null())
            .Select((kind, name, id, phone, region, town) => new Applicant(kind, name, id, phone, region, town));

    private static readonly Gen<Leg> Legs =
        Gen.Select(Text, Text, Gen.Enum<Domain.Routing.LegRole>(), Gen.Int, Gen.Enum<LegStatus>(), Text.Null())
            .Select((id, unit, role, order, status, reason) => new Leg(id, unit, role, order, status, reason));

    private static readonly Gen<CaseSubmitted> Submissions =
        Gen.Select(Gen.Select(Text, Text, Gen.Enum<HandlingMode>(), Gen.Enum<Channel>(), Applicants, Gen.Select(Text, Gen.Bool).Array[0, 5]),
                   Gen.Select(Gen.Enum<DeliveryMethod>(), Text.Null(), Legs.Array[0, 4], Text.Array[0, 4], Instants, Text))
            .Select((a, b) => new CaseSubmitted(
                a.Item1, a.Item2, "h", new ItemTerms(a.Item1, 1, a.Item2, true, 20, false), a.Item3, a.Item4, null, a.Item5, null, null,
                [.. a.Item6.Select(m => new Material(m.Item1, m.Item2))], new DeliveryPreference(b.Item1, b.Item2), b.Item3, b.Item4, b.Item5, b.Item6));

    private static void AssertRoundTrips(object o)
    {
        var json = Json(o);
        var back = RoundTrip(o);
        Assert.IsType(o.GetType(), back);
        Assert.Equal(json, Json(back));
    }

    [Fact]
    public void Random_submissions_round_trip_inside_a_journal_event() =>
        Gen.Select(Submissions, Text.Null()).Sample((submitted, commandId) =>
        {
            var journal = new CaseJournalEvent(submitted, commandId);
            AssertRoundTrips(journal);
            var back = (CaseSubmitted)((CaseJournalEvent)RoundTrip(journal)).Event;
            Assert.Equal(submitted.Applicant, back.Applicant);
            Assert.Equal(submitted.At, back.At);
            Assert.Equal(submitted.At.Offset, back.At.Offset);
            Assert.Equal(submitted.Legs, back.Legs);
            Assert.Equal(submitted.Warnings, back.Warnings);
        });

    [Fact]
    public void Random_carrier_events_round_trip_bare_and_as_commands() =>
        Gen.Select(Text, Gen.Enum<CarrierStatus>(), Instants, Text.Null(), Instants, Text).Sample((mailing, status, eventAt, signedBy, at, by) =>
        {
            var recorded = new CarrierEventRecorded(mailing, status, eventAt, signedBy, at, by);
            Assert.Equal(recorded, RoundTrip(recorded));
            var request = new CaseRequest(mailing, by, new RecordCarrierEvent(mailing, status, eventAt, signedBy, new CommandActor(by, mailing, signedBy)));
            Assert.Equal(request, RoundTrip(request));
            var track = new TrackWaybill(mailing, status, eventAt, signedBy);
            Assert.Equal(track, RoundTrip(track));
        });

    [Fact]
    public void Random_refusals_and_dates_round_trip_in_a_reply() =>
        Gen.Select(Text, Gen.Select(Text, Text.Array[0, 3]).Array[0, 4], Gen.Date[new DateTime(1, 1, 1), new DateTime(9999, 12, 31)], Gen.Bool)
            .Sample((code, errors, date, provisional) =>
            {
                var dictionary = errors.DistinctBy(e => e.Item1).ToDictionary(e => e.Item1, e => e.Item2);
                var reply = new CaseReply("c", null, new Refusal(code, code, dictionary.Count == 0 ? null : dictionary));
                AssertRoundTrips(reply);
                var shifted = new DeadlinesShifted([new ShiftedDeadline(code, DateOnly.FromDateTime(date), provisional)], MessageSamples.At, code);
                AssertRoundTrips(shifted);
                Assert.Equal(DateOnly.FromDateTime(date), ((DeadlinesShifted)RoundTrip(shifted)).Deadlines[0].Due);
            });
}
