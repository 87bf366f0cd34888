using KuaSheng.Api.Auth;
using KuaSheng.Console.Auth;
using KuaSheng.Console.Navigation;
using KuaSheng.Domain.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KuaSheng.Console;

/// <summary>The base of every console page: the signed-in <see cref="Caller"/> (read from the cookie's claims as an
/// endpoint reads a token's), and the refusal of a screen to whoever its <see cref="ConsoleScreen.MayUse"/> refuses,
/// before any handler runs.</summary>
public abstract class ConsolePageModel : PageModel
{
    private Caller? _caller;

    /// <summary>Who is signed in; null on the pages open to everybody when nobody is.</summary>
    public Caller? Me => _caller ??= Caller.From(User);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (ConsoleScreens.Of(GetType()) is { } screen && !screen.Admits(Me))
        {
            context.Result = new ForbidResult(ConsoleAuth.Scheme);
            return;
        }
        await next();
    }
}
