namespace KuaSheng.Console.Localization;

// Strings of the layout, navigation, sign-in and the shared parts of every screen.
public static partial class T
{
    public static readonly Text ConsoleTitle = new("綦江区跨省通办工作台", "Qijiang cross-province services console");
    public static readonly Text SkipToContent = new("跳到正文", "Skip to content");
    public static readonly Text MainNavigation = new("主导航", "Main navigation");
    public static readonly Text Language = new("语言", "Language");
    public static readonly Text SwitchLanguage = new("English", "中文");
    public static readonly Text SignIn = new("登录", "Sign in");
    public static readonly Text SignOut = new("退出", "Sign out");
    public static readonly Text SignedInAs = new("当前身份：{0}", "Signed in as {0}");
    public static readonly Text Home = new("首页", "Home");
    public static readonly Text Print = new("打印", "Print");
    public static readonly Text Submit = new("提交", "Submit");
    public static readonly Text Refresh = new("刷新", "Refresh");
    public static readonly Text NothingHere = new("暂无记录。", "Nothing here.");
    public static readonly Text Forbidden = new("无权访问", "Not allowed");
    public static readonly Text ForbiddenDetail = new("您的角色或单位不能使用此页面。", "Your role or unit may not use this page.");
    public static readonly Text Unavailable = new("系统暂时不可用，请稍后再试。", "The service is busy; try again shortly.");
    public static readonly Text Welcome = new("欢迎使用跨省通办工作台", "Welcome to the cross-province services console");
    public static readonly Text WelcomeDetail = new("请从导航中选择您要办理的工作。", "Choose your work from the navigation.");
    public static readonly Text NotSignedIn = new("未登录", "Not signed in");

    // Roles (API.md, Auth)
    public static readonly Text RoleWindow = new("窗口", "Window clerk");
    public static readonly Text RoleOfficer = new("业务部门", "Officer");
    public static readonly Text RoleIntegration = new("系统对接", "Integration");
    public static readonly Text RoleCarrier = new("寄递", "Carrier");
    public static readonly Text RoleSupervisor = new("督查", "Supervisor");
    public static readonly Text RoleOperator = new("运维", "Operator");

    // Dev sign-in
    public static readonly Text DevSignInTitle = new("开发环境登录", "Dev sign-in");
    public static readonly Text DevSignInNote = new(
        "仅开发配置可用：选择角色和单位即登录，与 POST /auth/dev-token 签发的身份相同。生产环境通过统一身份认证（OpenID Connect）登录。",
        "Dev configurations only: pick a role and unit, with the same claims as POST /auth/dev-token. Production signs in through the identity provider (OpenID Connect).");
    public static readonly Text Role = new("角色", "Role");
    public static readonly Text Unit = new("单位", "Unit");
    public static readonly Text UnitHint = new("窗口和业务部门选一个单位；系统对接可选多个；其他角色不选。",
        "Windows and officers pick one unit; integrations one or more; other roles none.");
    public static readonly Text Subject = new("用户名（可选）", "User name (optional)");
    public static readonly Text ProductionSignIn = new("请通过统一身份认证登录。", "Sign in with the identity provider.");
    public static readonly Text SignInWithProvider = new("通过统一身份认证登录", "Sign in with the identity provider");
    public static readonly Text SignInNoRole = new(
        "您的统一身份认证账号未授权使用本工作台（没有可识别的角色）。请联系本单位的系统管理员开通权限。",
        "Your identity provider account is not authorized for this console (it carries no known role). Ask your unit's administrator for access.");
    public static readonly Text SignInDenied = new(
        "登录已在统一身份认证处取消或被拒绝。", "Sign-in was cancelled or refused at the identity provider.");
    public static readonly Text SignInFailed = new(
        "通过统一身份认证登录未成功，请重新登录。如多次失败，请联系运维人员。",
        "Signing in with the identity provider did not succeed; please sign in again. If it keeps failing, ask the operators.");
    public static readonly Text ProductionSignInMissing = new(
        "本节点尚未配置统一身份认证（OpenID Connect）。请联系运维人员。",
        "This node has no identity provider (OpenID Connect) configured yet. Ask the operators.");
}
