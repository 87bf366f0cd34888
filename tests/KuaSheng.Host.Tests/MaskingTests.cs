using Akka.Event;
using KuaSheng.Domain.Validation;
using KuaSheng.Host.Configuration;
using KuaSheng.Host.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace KuaSheng.Host.Tests;

/// <summary>No log line may carry an 18-digit ID number, an 11-digit mobile number or a full name.</summary>
public sealed class MaskingTests
{
    private const string IdNumber = "50011019900307123X";
    private const string MaskedIdNumber = "500110********123X";
    private const string Mobile = "13812345678";
    private const string MaskedMobile = "138****5678";
    private const string FullName = "张三丰";
    private const string MaskedName = "张**";

    private static readonly string[] Raw = [IdNumber, Mobile, FullName, "1990030712", "12345678"];

    [Theory]
    [InlineData("id 50011019900307123X here", "id 500110********123X here")]
    [InlineData("id:50011019900307123x.", "id:500110********123x.")]
    [InlineData("idNo500110199003071234", "idNo500110********1234")]
    [InlineData("call 13812345678 now", "call 138****5678 now")]
    [InlineData("call +8613812345678", "call +86138****5678")]
    [InlineData("call +86 138-1234-5678", "call +86 138****5678")]
    [InlineData("call 138 1234 5678", "call 138****5678")]
    [InlineData("tel:13812345678,15987654321", "tel:138****5678,159****4321")]
    public void Text_is_masked_wherever_an_id_number_or_mobile_number_appears(string text, string expected)
    {
        Assert.Equal(expected, PersonalDataRedactor.MaskText(text));
    }

    [Theory]
    [InlineData("order 1234567890123456789012 ok")] // longer runs of digits are other numbers
    [InlineData("1234567890")]
    [InlineData("port 4100, shard 42, 2026-11-28T08:00:00+08:00")]
    [InlineData("12812345678")] // not a mobile prefix
    public void Other_numbers_are_left_alone(string text)
    {
        Assert.Same(text, PersonalDataRedactor.MaskText(text));
    }

    [Theory]
    [InlineData("ApplicantName", PersonalDataKind.Name)]
    [InlineData("name", PersonalDataKind.Name)]
    [InlineData("applicant", PersonalDataKind.Name)]
    [InlineData("agent", PersonalDataKind.Name)]
    [InlineData("idNumber", PersonalDataKind.IdNumber)]
    [InlineData("AgentIdNumber", PersonalDataKind.IdNumber)]
    [InlineData("phone", PersonalDataKind.Mobile)]
    [InlineData("ContactPhone", PersonalDataKind.Mobile)]
    [InlineData("mobile", PersonalDataKind.Mobile)]
    [InlineData("@Phone", PersonalDataKind.Mobile)]
    [InlineData("TypeName", null)]
    [InlineData("EnvName", null)]
    [InlineData("SourceContext", null)]
    [InlineData("CaseId", null)]
    public void Property_names_say_what_they_hold(string name, PersonalDataKind? kind)
    {
        Assert.Equal(kind, PersonalDataRedactor.KindOf(name));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Serilog_events_come_out_masked_in_text_and_json(bool json)
    {
        var output = new CapturedOutput();
        using (var logger = KuaShengLogging.CreateLogger(new LoggingSettings { Json = json, Level = LogEventLevel.Information }, output))
        {
            logger.Information("Applicant {ApplicantName} {IdNumber} {Phone}", FullName, IdNumber, Mobile);
            logger.Information("Case from " + IdNumber + " reachable at " + Mobile);
            logger.Information("Submitted {@Applicant} with agent {@Agent}",
                new { Kind = "person", Name = FullName, IdNumber, Phone = Mobile, Region = "500110" },
                new Dictionary<string, object> { ["name"] = FullName, ["relation"] = "son", ["phones"] = new[] { Mobile } });
            logger.Information("Numbers {Numbers} {Number}", new[] { IdNumber, "+86 " + Mobile }, 13812345678L);
            logger.ForContext("ContactPhone", Mobile).ForContext("Note", "call " + Mobile).Information("With context");
            logger.Error(new InvalidOperationException("bad ID " + IdNumber), "Failed for {CaseId}", "case-1");
            logger.Information("{Applicant}", FullName);
        }
        var text = output.Text;
        AssertNoRawPersonalData(text);
        Assert.Contains(MaskedIdNumber, text);
        Assert.Contains(MaskedMobile, text);
        Assert.Contains(MaskedName, text);
        Assert.Contains("case-1", text);
        Assert.Contains("500110", text); // region, not personal
        Assert.Contains("InvalidOperationException", text);
    }

    [Fact]
    public async Task A_running_node_masks_its_own_events_and_akka_events()
    {
        var node = new InProcessNode();
        await using (node)
        {
            await node.StartAndWaitReadyAsync();
            var logger = node.App.Services.GetRequiredService<ILogger<MaskingTests>>();
            logger.LogInformation("Applicant {ApplicantName} id {IdNumber} phone {Phone}", FullName, IdNumber, Mobile);
            logger.LogInformation("Submitted {@Applicant}", new { Name = FullName, IdNumber, Phone = Mobile });
            using (logger.BeginScope(new Dictionary<string, object> { ["AgentName"] = FullName, ["AgentPhone"] = Mobile }))
                logger.LogWarning("In a scope");
#pragma warning disable CA2254 // the point: text that someone pasted personal data into
            logger.LogInformation("pasted " + IdNumber + " and " + Mobile);
#pragma warning restore CA2254
            logger.LogError(new InvalidOperationException("refused " + IdNumber), "Refused {CaseId}", "case-9");

            var akka = node.System.Log;
            akka.Info("Akka positional {0} {1}", IdNumber, Mobile);
            akka.Info("Akka named {ApplicantName} {Phone}", FullName, Mobile);
            akka.Warning("Akka pasted " + IdNumber + " / +86 " + Mobile);
            akka.Error(new InvalidOperationException("akka " + Mobile), "Akka failed");
            akka.Info("marker-{0}", "done");

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!node.Log.Text.Contains("marker-done") && DateTime.UtcNow < deadline)
                await Task.Delay(100);
            var text = node.Log.Text;
            Assert.Contains("marker-done", text);
            AssertNoRawPersonalData(text);
            Assert.Contains("Applicant " + MaskedName + " id " + MaskedIdNumber + " phone " + MaskedMobile, text);
            Assert.Contains("pasted " + MaskedIdNumber + " and " + MaskedMobile, text);
            Assert.Contains("Akka positional " + MaskedIdNumber + " " + MaskedMobile, text);
            Assert.Contains("Akka named " + MaskedName + " " + MaskedMobile, text);
            Assert.Contains("Akka pasted " + MaskedIdNumber + " / +86 " + MaskedMobile, text);
            Assert.Contains("refused " + MaskedIdNumber, text);
        }
    }

    private static void AssertNoRawPersonalData(string text)
    {
        foreach (var raw in Raw)
            Assert.False(text.Contains(raw, StringComparison.Ordinal), $"'{raw}' appears in the log:\n{text}");
    }
}
