namespace KuaSheng.Domain.Catalogue.Source;

/// <summary>
/// One row of the seed's attachment (高频政务服务“跨省通办”事项清单), exactly as printed:
/// raw material for the catalogue, with nothing derived yet (modes, limits, routing live elsewhere).
/// </summary>
/// <param name="Code">"&lt;batch&gt;-&lt;seq&gt;", stable across catalogue versions.</param>
/// <param name="Scenario">应用场景, verbatim (typos such as 市公安局门 included).</param>
/// <param name="CityLead">市级主管部门·牵头单位.</param>
/// <param name="CityCooperating">配合单位; empty when the cell is empty.</param>
/// <param name="DistrictUnitsText">区级实施单位 cell as printed, PDF line breaks joined; "--" when none.</param>
/// <param name="DistrictUnits">Unit names split on 、 with notes removed; empty for "--".</param>
/// <param name="Notes">Bracketed notes and trailing remarks of the unit cell (限气瓶, 区残联联审, ...).</param>
/// <param name="DeadlineText">完成时限, batch 3 only.</param>
public sealed record SourceItem(
    string Code,
    int Batch,
    int Seq,
    string Name,
    string Scenario,
    string CityLead,
    IReadOnlyList<string> CityCooperating,
    string DistrictUnitsText,
    IReadOnlyList<string> DistrictUnits,
    IReadOnlyList<string> Notes,
    string? DeadlineText);
