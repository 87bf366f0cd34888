using KuaSheng.Api.Cases;
using KuaSheng.Console.Auth;
using KuaSheng.Console.Cases;
using KuaSheng.Console.Localization;
using KuaSheng.Domain.Access;
using Microsoft.AspNetCore.Mvc;

namespace KuaSheng.Console.Pages.Intake;

/// <summary>受理回执: the printable receipt of a case for its receiving window only (<see cref="CaseAccess.IsReceiver"/>):
/// case number and query code (derived again from the case id, as at submission), item, applicant, materials.</summary>
public sealed class ReceiptModel(ConsoleCases cases, CaseEndpointSupport support, ConsoleDue due) : ConsolePageModel
{
    public CaseView Case { get; private set; } = null!;
    public string QueryCode { get; private set; } = "";
    public ConsoleDue Due => due;
    public DateTimeOffset SubmittedAt { get; private set; }
    public Text? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string caseId)
    {
        var read = await cases.ReadAsync(caseId, Me!, HttpContext.RequestAborted);
        if (read.State is not { } state || !CaseAccess.IsReceiver(Me!, state))
        {
            if (read.Status == 403 || read.State is not null) return Forbid(ConsoleAuth.Scheme);
            Problem = read.Problem;
            Response.StatusCode = read.Status;
            return Page();
        }
        Case = read.View!;
        SubmittedAt = state.SubmittedAt;
        QueryCode = support.Ids.QueryCode(state.CaseId);
        return Page();
    }
}
