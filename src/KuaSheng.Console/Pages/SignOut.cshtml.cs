using KuaSheng.Console.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace KuaSheng.Console.Pages;

/// <summary>退出: POST only (anti-forgery), back to the sign-in page.</summary>
public sealed class SignOutModel : ConsolePageModel
{
    public IActionResult OnGet() => Redirect("/console");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuth.Scheme);
        return Redirect(ConsoleAuth.SignInPath);
    }
}
