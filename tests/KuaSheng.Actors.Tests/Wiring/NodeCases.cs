using Akka.Actor;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Hosting;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Intake;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Actors.Tests.Wiring;

/// <summary>Cases for the whole-wiring tests: a Qijiang resident's 学历公证 (item 1-1, an original to examine,
/// routed to qj-notary), submitted at qj-window on a Monday.</summary>
internal static class NodeCases
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, CaseContext.ChinaOffset);
    public static readonly CommandActor Clerk = new("window", "clerk", "qj-window");
    public static readonly CommandActor Notary = new("officer", "notary", "qj-notary");

    public static SubmitCase Submission(string caseId)
    {
        var id = "50011019850612002" + ResidentIdNumber.ComputeCheckCharacter("50011019850612002");
        var app = new CaseApplication("1-1", HandlingMode.Proxy, Channel.Window, "qj-window",
            new ApplicantInput(ApplicantKind.Person, "李四", id, "13912345678", null, null), null, null,
            [new Material("毕业证书", true)], new DeliveryPreference(DeliveryMethod.Pickup, null));
        var (command, refusal) = SubmissionRules.Prepare(app, new CaseIdentity(caseId, "QJ-" + caseId, "h"),
            ReferenceData.Embedded.Catalogue, ReferenceData.Embedded.Units, DateOnly.FromDateTime(Monday.DateTime), Clerk);
        Assert.Null(refusal);
        return command!;
    }

    /// <summary>Sends a command that must not be refused.</summary>
    public static async Task<CaseReply> Send(Node node, string caseId, string commandId, CaseCommand command, TimeSpan timeout)
    {
        var reply = await node.Region<CaseRegion>().Ask<CaseReply>(new CaseRequest(caseId, commandId, command), timeout);
        Assert.True(reply.Refusal is null, $"{command.GetType().Name}: {reply.Refusal?.Message}");
        return reply;
    }
}
