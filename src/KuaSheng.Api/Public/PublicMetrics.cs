using System.Diagnostics.Metrics;

namespace KuaSheng.Api.Public;

/// <summary>What the public look-up and rating refuse, as the meter <see cref="MeterName"/> (static, as the entities'
/// meter: one check per measurement nobody listens to). No case number and never a code in a tag.</summary>
public static class PublicMetrics
{
    public const string MeterName = "KuaSheng.Public";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Lockouts = Meter.CreateCounter<long>("kuasheng.public.lockouts", "{lock}",
        "Cases whose public look-up and rating were locked after too many wrong query codes (kuasheng_public_lockouts_total).");

    private static readonly Counter<long> WrongCodes = Meter.CreateCounter<long>("kuasheng.public.wrong_codes", "{attempt}",
        "Wrong or missing query codes on the public look-up and rating (kuasheng_public_wrong_codes_total).");

    public static void Lockout() => Lockouts.Add(1);

    public static void WrongCode() => WrongCodes.Add(1);
}
