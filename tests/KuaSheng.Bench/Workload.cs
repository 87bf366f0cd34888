using Akka.Actor;
using Akka.Cluster.Sharding;
using KuaSheng.Actors.Cases;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Intake;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Bench;

/// <summary>The commands the benchmarks send: a valid window submission of item 1-1 (one original, routed to the
/// built-in unit qj-notary), a form review, a mailing of the originals, and carrier events (one journal event each).</summary>
internal static class Workload
{
    /// <summary>A working Monday (the node's clock is set to it, so deadlines are the same on every run).</summary>
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, CaseContext.ChinaOffset);
    public static readonly CommandActor Clerk = new("window", "clerk", "qj-window");
    private static readonly string IdNumber = "50011019850612002" + ResidentIdNumber.ComputeCheckCharacter("50011019850612002");

    /// <param name="at">The day of the submission (default <see cref="Monday"/>).</param>
    public static SubmitCase Submission(string caseId, DateTimeOffset? at = null)
    {
        var app = new CaseApplication("1-1", HandlingMode.Proxy, Channel.Window, "qj-window",
            new ApplicantInput(ApplicantKind.Person, "李四", IdNumber, "13912345678", "500110", null), null, null,
            [new Material("毕业证书", true)], new DeliveryPreference(DeliveryMethod.Pickup, null));
        var (command, refusal) = SubmissionRules.Prepare(app, new CaseIdentity(caseId, "QJ-" + caseId, "h"),
            ReferenceData.Embedded.Catalogue, ReferenceData.Embedded.Units, DateOnly.FromDateTime((at ?? Monday).ToOffset(CaseContext.ChinaOffset).DateTime), Clerk);
        return command ?? throw new InvalidOperationException("Submission refused: " + refusal?.Message);
    }

    public static ReviewForm PassForm() => new(true, [], null, Clerk);

    public static RegisterMailing MailOriginals(string waybill) => new("m1", MailingPurpose.Originals, "EMS", waybill, Clerk);

    public static RecordCarrierEvent InTransit(string waybill, int n) =>
        new(waybill, CarrierStatus.InTransit, Monday.AddMinutes(n), null, Clerk);

    public static string WaybillFor(string caseId) => "BW" + caseId.ToUpperInvariant() + "CN";

    /// <summary>Sends one command and insists on an accepted answer.</summary>
    public static async Task<CaseState> Send(IActorRef cases, string caseId, string commandId, CaseCommand command, TimeSpan timeout)
    {
        var answer = await cases.Ask<object>(new CaseRequest(caseId, commandId, command), timeout);
        return answer switch
        {
            CaseReply { Refusal: null, State: { } state } => state,
            CaseReply r => throw new InvalidOperationException($"{command.GetType().Name} on {caseId} refused: {r.Refusal?.Message}"),
            CaseUnavailable u => throw new InvalidOperationException($"{command.GetType().Name} on {caseId} unavailable: {u.Reason}"),
            _ => throw new InvalidOperationException($"Unexpected answer {answer}"),
        };
    }

    /// <summary>The shard a case id lives in, as the node computes it (same extractor type and shard count).</summary>
    public static string ShardOf(string caseId) => Shards.ShardId(caseId);

    private static readonly ShardCalculator Shards = new(100);

    private sealed class ShardCalculator(int maxShards) : HashCodeMessageExtractor(maxShards)
    {
        public override string? EntityId(object message) => null;
    }
}
