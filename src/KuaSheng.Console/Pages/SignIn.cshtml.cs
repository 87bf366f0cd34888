using KuaSheng.Actors.Reference;
using KuaSheng.Api;
using KuaSheng.Api.Hardening;
using KuaSheng.Console.Auth;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Units;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace KuaSheng.Console.Pages;

/// <summary>
/// 登录. In dev configurations (<c>KuaSheng:DevFeatures</c>, never together with <c>KuaSheng:Production</c>: the node
/// refuses to start) a role and a unit are picked and signed in with the claims <c>POST /auth/dev-token</c> would put in
/// a token (<see cref="CallerShape"/>); elsewhere the form is not shown and its POST answers 404, like the dev token.
/// Production sign-in (OpenID Connect) plugs in at <see cref="ConsoleAuth"/>. Limited per client address like every
/// endpoint without a token (<see cref="RateLimits.TokenLessPolicy"/>).
/// </summary>
[EnableRateLimiting(RateLimits.TokenLessPolicy)]
public sealed class SignInModel(ApiFeatures features, ReferenceDataStore reference) : ConsolePageModel
{
    public bool DevFeatures => features.DevFeatures;

    public IReadOnlyList<Unit> Units => reference.Current.Units.All;

    public static IReadOnlyList<string> RoleChoices { get; } =
        [Roles.Window, Roles.Officer, Roles.Supervisor, Roles.Operator, Roles.Integration, Roles.Carrier];

    [BindProperty] public string? Role { get; set; } = Roles.Window;
    [BindProperty] public string? UnitId { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!features.DevFeatures) return NotFound();
        var (identity, errors) = CallerShape.Check(Role, UnitId, null, Subject, reference.Current.Units);
        if (identity is null)
        {
            Errors = errors;
            Response.StatusCode = 400;
            return Page();
        }
        await HttpContext.SignInAsync(ConsoleAuth.Scheme, ConsoleAuth.Principal(identity));
        return LocalRedirect(ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith("/console", StringComparison.Ordinal) ? url : "/console");
    }
}
