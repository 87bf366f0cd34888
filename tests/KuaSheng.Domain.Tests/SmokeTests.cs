namespace KuaSheng.Domain.Tests;
public class SmokeTests { [Fact] public void Builds() => Assert.True(typeof(KuaSheng.Domain.Calendar.IWorkingCalendar).IsInterface); }
