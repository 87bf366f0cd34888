namespace KuaSheng.Console.Localization;

// Words of a case shared by the screens that show one: fields, statuses, steps.
public static partial class T
{
    public static readonly Text Item = new("事项", "Item");
    public static readonly Text Status = new("状态", "Status");
    public static readonly Text Applicant = new("申请人", "Applicant");
}
