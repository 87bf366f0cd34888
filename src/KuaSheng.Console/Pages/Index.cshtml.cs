namespace KuaSheng.Console.Pages;

/// <summary>首页: the screens the signed-in caller may use.</summary>
public sealed class IndexModel : ConsolePageModel
{
    public void OnGet()
    {
    }
}
