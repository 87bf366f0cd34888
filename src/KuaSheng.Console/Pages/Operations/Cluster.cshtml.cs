using Akka.Actor;
using KuaSheng.Api.Admin;
using KuaSheng.Api.Audit;
using KuaSheng.Console.Auth;
using KuaSheng.Console.Localization;
using KuaSheng.Console.Navigation;
using KuaSheng.Domain.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace KuaSheng.Console.Pages.Operations;

/// <summary>The cluster as the screen shows it: members (<see cref="ClusterView"/>), per region the shards and running
/// entities of each node (<see cref="ShardingLookup"/>), and the projections with their lag (<see cref="ProjectionAdmin"/>);
/// a part that could not be read carries its reason instead.</summary>
public sealed record ClusterStatus(ClusterView Cluster, IReadOnlyList<RegionView>? Regions, string? RegionsProblem,
    IReadOnlyList<ProjectionView>? Projections, string? ProjectionsProblem, bool MayAct);

/// <summary>
/// 集群: what <c>GET /admin/cluster</c>, <c>/admin/sharding</c> and <c>/admin/projections</c> show, from the same services,
/// refreshed by htmx every few seconds (<see cref="OnGetStatusAsync"/> returns the part); leave, down and rebuild behind a
/// confirmation (a GET shows what will happen, its POST form with the anti-forgery token does it) through the admin API's
/// own paths (<see cref="ClusterCommands"/>, <see cref="ProjectionAdmin"/>), which log who asked. Readable by whoever may
/// read the cluster, changed only by operators (<see cref="AdminAccess"/>).
/// </summary>
[AuditedEndpoint]
public sealed class ClusterModel(ActorSystem system, ShardingLookup sharding, ProjectionAdmin projections, ClusterCommands commands) : ConsolePageModel
{
    public static readonly ConsoleScreen Screen = new("/console/cluster", T.ClusterTitle, 90, AdminAccess.MayReadCluster);

    /// <summary>What is to be confirmed: leave, down or rebuild.</summary>
    [BindProperty(SupportsGet = true)] public string? Confirm { get; set; }
    /// <summary>The member's address (leave, down) or the projection's name (rebuild).</summary>
    [BindProperty(SupportsGet = true)] public string? Target { get; set; }
    /// <summary>What was just requested (after a POST), shown as a notice.</summary>
    [BindProperty(SupportsGet = true)] public string? Requested { get; set; }

    public ClusterStatus? Status { get; private set; }

    /// <summary>The question of the confirmation shown (<see cref="Confirm"/>).</summary>
    public Text Question => Confirm switch { "leave" => T.ConfirmLeave, "down" => T.ConfirmDown, _ => T.ConfirmRebuild };

    /// <summary>The POST handler of the confirmation shown.</summary>
    public string Handler => Confirm switch { "leave" => "Leave", "down" => "Down", _ => "Rebuild" };
    public Text? Problem { get; private set; }

    public bool MayAct => AdminAccess.MayChangeCluster(Me!);

    public async Task OnGetAsync() => Status = await ReadAsync();

    public async Task<IActionResult> OnGetStatusAsync() => Partial("_ClusterStatus", await ReadAsync());

    public Task<IActionResult> OnPostLeaveAsync() => Member(ClusterAdminEndpoints.Leave);

    public Task<IActionResult> OnPostDownAsync() => Member(ClusterAdminEndpoints.Down);

    public async Task<IActionResult> OnPostRebuildAsync()
    {
        HttpContext.SetAuditTarget($"rebuild {Target}");
        if (!MayAct) return StatusCode(StatusCodes.Status403Forbidden); // not Forbid: its redirect would be audited as a 302
        try
        {
            if (await projections.RebuildAsync(Target ?? "", Me!, HttpContext.RequestAborted) is null)
                return await Refuse(StatusCodes.Status404NotFound, T.NoSuchProjection);
        }
        catch (ProjectionsUnavailable)
        {
            return await Refuse(StatusCodes.Status503ServiceUnavailable, T.Unavailable);
        }
        return Done("rebuild");
    }

    private async Task<IActionResult> Member(string action)
    {
        HttpContext.SetAuditTarget($"{action} {Target}");
        if (!MayAct) return StatusCode(StatusCodes.Status403Forbidden); // not Forbid: its redirect would be audited as a 302
        var (outcome, _) = commands.Request(action, Target, Me!);
        return outcome == ClusterCommandOutcome.Accepted ? Done(action) : await Refuse(StatusCodes.Status404NotFound, T.NoSuchMember);
    }

    /// <summary>Post, redirect, get: the page again with a notice of what was requested.</summary>
    private RedirectResult Done(string action) =>
        Redirect(Screen.Path + QueryString.Create(new Dictionary<string, string?> { ["requested"] = action, ["target"] = Target }).ToUriComponent());

    private async Task<IActionResult> Refuse(int status, Text problem)
    {
        Response.StatusCode = status;
        Problem = problem;
        Confirm = null;
        Status = await ReadAsync();
        return Page();
    }

    private async Task<ClusterStatus> ReadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var cluster = ClusterView.Of(Akka.Cluster.Cluster.Get(system));
        IReadOnlyList<RegionView>? regions = null;
        string? regionsProblem = null;
        try
        {
            regions = await Task.WhenAll(sharding.TypeNames.Select(t => sharding.Region(t, ct)));
        }
        catch (Exception e) when (e is AskTimeoutException or ShardingUnavailable)
        {
            regionsProblem = e is ShardingUnavailable ? e.Message : T.Unavailable.ToString();
        }
        IReadOnlyList<ProjectionView>? views = null;
        string? projectionsProblem = null;
        try
        {
            views = await projections.ListAsync(ct);
        }
        catch (ProjectionsUnavailable e)
        {
            projectionsProblem = e.Message;
        }
        return new ClusterStatus(cluster, regions, regionsProblem, views, projectionsProblem, MayAct);
    }

    /// <summary>The address of the confirmation of <paramref name="action"/> on <paramref name="target"/>.</summary>
    public static string ConfirmUrl(string action, string target) =>
        Screen.Path + QueryString.Create(new Dictionary<string, string?> { ["confirm"] = action, ["target"] = target }).ToUriComponent() + "#confirm";
}
