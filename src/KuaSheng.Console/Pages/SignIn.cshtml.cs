using KuaSheng.Actors.Reference;
using KuaSheng.Api;
using KuaSheng.Api.Hardening;
using KuaSheng.Console.Auth;
using KuaSheng.Console.Localization;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Units;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace KuaSheng.Console.Pages;

/// <summary>
/// 登录. With the identity provider (<see cref="ConsoleProvider.Enabled"/>): a screen that needs a signed-in user sends
/// the browser here with its <c>returnUrl</c>, and this page challenges the provider at once (<see cref="ConsoleOidc"/>);
/// opened without one (after signing out, from the menu) or after a failed attempt (<see cref="ConsoleSignInFailure"/>)
/// it offers the provider's sign-in with a link instead, so that a sign-out is not undone by the provider's own session.
/// In dev configurations (<c>KuaSheng:DevFeatures</c>, never together with <c>KuaSheng:Production</c>: the node refuses
/// to start) a role and a unit are picked and signed in with the claims <c>POST /auth/dev-token</c> would put in a token
/// (<see cref="CallerShape"/>); elsewhere that form is not shown and its POST answers 404, like the dev token. Only local
/// <c>/console</c> addresses are returned to (<see cref="ConsoleAuth.ReturnUrlOrHome"/>). Limited per client address
/// like every endpoint without a token (<see cref="RateLimits.TokenLessPolicy"/>).
/// </summary>
[EnableRateLimiting(RateLimits.TokenLessPolicy)]
public sealed class SignInModel(ApiFeatures features, ReferenceDataStore reference, ConsoleProvider provider) : ConsolePageModel
{
    public bool DevFeatures => features.DevFeatures;

    public IReadOnlyList<Unit> Units => reference.Current.Units.All;

    public static IReadOnlyList<string> RoleChoices { get; } =
        [Roles.Window, Roles.Officer, Roles.Supervisor, Roles.Operator, Roles.Integration, Roles.Carrier];

    [BindProperty] public string? Role { get; set; } = Roles.Window;
    [BindProperty] public string? UnitId { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Why the last sign-in with the provider did not succeed (<see cref="ConsoleSignInFailure"/>).</summary>
    [BindProperty(SupportsGet = true, Name = ConsoleSignInFailure.QueryName)] public string? Failed { get; set; }

    public bool ProviderSignIn => provider.Enabled;

    public Text? FailureMessage => ConsoleSignInFailure.MessageOf(Failed);

    /// <summary>The provider's sign-in, keeping where to return to.</summary>
    public string ProviderSignInUrl => Url.Page("/SignIn", "Provider", new { returnUrl = ReturnUrl }) ?? ConsoleAuth.SignInPath;

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (provider.Enabled && !features.DevFeatures && Failed is null && !string.IsNullOrEmpty(ReturnUrl)) return ChallengeProvider();
        return Page();
    }

    public IActionResult OnGetProvider() => provider.Enabled ? ChallengeProvider() : NotFound();

    private ChallengeResult ChallengeProvider() =>
        Challenge(new AuthenticationProperties { RedirectUri = ReturnUrlOrHome() }, ConsoleOidc.Scheme);

    private string ReturnUrlOrHome() => ConsoleAuth.ReturnUrlOrHome(ReturnUrl, Url.IsLocalUrl);

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
        return LocalRedirect(ReturnUrlOrHome());
    }
}
