using KuaSheng.Domain.Calendar;

namespace KuaSheng.Domain.Tests;

internal static class TestCalendar
{
    public static IWorkingCalendar Official => WorkingCalendar.Official;
}
