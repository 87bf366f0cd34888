using KuaSheng.Actors.Reference;
using KuaSheng.Api.Cases;
using KuaSheng.Console.Cases;
using KuaSheng.Console.Localization;
using KuaSheng.Console.Navigation;
using KuaSheng.Domain;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using Microsoft.AspNetCore.Mvc;

namespace KuaSheng.Console.Pages.Intake;

/// <summary>A row of the materials checklist.</summary>
public sealed class MaterialRow
{
    public string? Name { get; set; }
    public bool Original { get; set; }
}

/// <summary>The application as the clerk types it.</summary>
public sealed class IntakeForm
{
    public string? ItemCode { get; set; }
    public string Mode { get; set; } = "proxy";
    public string ApplicantKind { get; set; } = "person";
    public string? ApplicantName { get; set; }
    public string? ApplicantIdNumber { get; set; }
    public string? ApplicantPhone { get; set; }
    public string? ApplicantRegion { get; set; }
    public string? ApplicantTownCode { get; set; }
    public string? AgentName { get; set; }
    public string? AgentIdNumber { get; set; }
    public string? AgentPhone { get; set; }
    public string? AgentRelation { get; set; }
    public string? CounterpartRegion { get; set; }
    public List<MaterialRow> Materials { get; set; } = [];
    public string Delivery { get; set; } = "pickup";
    public string? DeliveryAddress { get; set; }
    /// <summary>Made when the form is shown (<see cref="FormTokens"/>): the submission's idempotency key.</summary>
    public string? Token { get; set; }
}

/// <summary>
/// 收件登记 (window): the item from the catalogue (searched by name or code), applicant, agent (帮办代办), materials with
/// the originals, delivery; before submitting, the routing plan (which units get the case) from the very checks and
/// routing the submission runs (<see cref="CaseIntake.Prepare"/>); then <c>POST /cases</c>'s path with the form's token
/// as idempotency key — a double submit is one case — and the printable receipt.
/// </summary>
public sealed class IndexModel(CaseIntake intake, ReferenceDataStore reference, ConsoleDue due) : ConsolePageModel
{
    public static readonly ConsoleScreen Screen = new("/console/intake", T.Intake, 10, c => c.Role == Roles.Window && CaseAccess.MaySubmit(c));

    public const int MaterialRows = 5;

    [BindProperty] public IntakeForm Form { get; set; } = new();

    public ConsoleDue Due => due;
    public IReadOnlyList<Leg>? Plan { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public IEnumerable<CatalogueItem> Items(string? q) => reference.Current.Catalogue.Current
        .Where(i => i.Status == ItemStatus.Active && (i.Supports(HandlingMode.Proxy) || i.Supports(HandlingMode.Joint)))
        .Where(i => string.IsNullOrWhiteSpace(q) || i.Code.StartsWith(q.Trim(), StringComparison.OrdinalIgnoreCase)
                                                 || i.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase));

    public CatalogueItem? Item => Form.ItemCode is { } code ? reference.Current.Catalogue.Find(code) : null;

    public void OnGet()
    {
        Form.Token = FormTokens.New();
        Pad();
    }

    /// <summary>The item list filtered as the clerk types (htmx).</summary>
    public IActionResult OnGetItems(string? q)
    {
        Query = q;
        return Partial("_ItemOptions", this);
    }

    /// <summary>What the clerk typed into the item search.</summary>
    public string? Query { get; private set; }

    /// <summary>预览分办: the checks and the routing of a submission, without sending it.</summary>
    public IActionResult OnPostPreview()
    {
        var (submission, refusal) = intake.Prepare(Me!, Body(), "console-preview");
        if (refusal is not null) Problems = Describe(refusal);
        else Plan = submission!.Command.Legs;
        Pad();
        if (Request.Headers.ContainsKey("HX-Request")) return Partial("_RoutingPlan", this);
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        var (submission, refusal) = intake.Prepare(Me!, Body(), FormTokens.SubmissionKey(Form.Token));
        if (refusal is null)
        {
            var answer = await intake.SendAsync(submission!, FormTokens.CommandId(Me!, "submit", Form.Token), HttpContext.RequestAborted);
            if (answer.State is not null && answer.Refusal is null) return Redirect($"/console/intake/receipt/{submission!.Command.CaseId}");
            refusal = answer.Refusal ?? new Refusal("unavailable", answer.Unavailable ?? T.Unavailable.ToString());
        }
        Problems = Describe(refusal);
        Response.StatusCode = refusal.Code == RefusalCodes.ValidationFailed ? 400 : 409;
        Pad();
        return Page();
    }

    private SubmitCaseBody Body()
    {
        var f = Form;
        var agent = string.IsNullOrWhiteSpace(f.AgentName) && string.IsNullOrWhiteSpace(f.AgentIdNumber) ? null
            : new AgentBody(f.AgentName, f.AgentIdNumber, f.AgentPhone, f.AgentRelation);
        return new SubmitCaseBody(
            f.ItemCode?.Trim(),
            Kebab.TryParse<HandlingMode>(f.Mode, out var mode) ? mode : HandlingMode.Proxy,
            Channel.Window,
            Me!.Units.FirstOrDefault(),
            new ApplicantBody(f.ApplicantKind == "organization" ? Domain.Cases.ApplicantKind.Organization : Domain.Cases.ApplicantKind.Person,
                f.ApplicantName, f.ApplicantIdNumber?.Trim(), f.ApplicantPhone?.Trim(), Blank(f.ApplicantRegion), Blank(f.ApplicantTownCode)),
            agent,
            Blank(f.CounterpartRegion),
            f.Materials.Where(m => !string.IsNullOrWhiteSpace(m.Name)).Select(m => new MaterialBody(m.Name, m.Original)).ToList(),
            new DeliveryBody(Kebab.TryParse<DeliveryMethod>(f.Delivery, out var d) ? d : DeliveryMethod.Pickup, Blank(f.DeliveryAddress)));
    }

    private void Pad()
    {
        while (Form.Materials.Count < MaterialRows) Form.Materials.Add(new MaterialRow());
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static IReadOnlyList<string> Describe(Refusal refusal) =>
        refusal.Errors is { Count: > 0 } errors ? [.. errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))] : [refusal.Message];
}
