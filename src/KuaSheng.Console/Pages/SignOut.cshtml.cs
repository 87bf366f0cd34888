using KuaSheng.Console.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace KuaSheng.Console.Pages;

/// <summary>退出: POST only (anti-forgery). Ends the console's cookie; when it came from the identity provider and the
/// provider has an end-session endpoint, the browser is sent there too (RP-initiated logout, back through
/// <see cref="ConsoleOidc.SignedOutCallbackPath"/>), so that the next sign-in asks for the account again. Ends on the
/// sign-in page, which then does not challenge the provider by itself.</summary>
public sealed class SignOutModel(ConsoleProvider provider) : ConsolePageModel
{
    public IActionResult OnGet() => Redirect("/console");

    public async Task<IActionResult> OnPostAsync()
    {
        var cookie = await HttpContext.AuthenticateAsync(ConsoleAuth.Scheme);
        var viaProvider = cookie.Properties?.Items.ContainsKey(ConsoleOidcSignIn.ViaProviderItem) == true;
        await HttpContext.SignOutAsync(ConsoleAuth.Scheme);
        if (viaProvider && await provider.EndsSessionAtProviderAsync(HttpContext))
            return SignOut(new AuthenticationProperties { RedirectUri = ConsoleAuth.SignInPath }, ConsoleOidc.Scheme);
        return Redirect(ConsoleAuth.SignInPath);
    }
}
