using Microsoft.AspNetCore.Http;

namespace KuaSheng.Console.Pages;

/// <summary>Where a screen the caller may not use sends it (the cookie's access-denied path): 403.</summary>
public sealed class ForbiddenModel : ConsolePageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
