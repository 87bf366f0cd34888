using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Deadlines;

namespace KuaSheng.Console.Localization;

/// <summary>The words of the supervisor's figures: handling modes (办理模式), rating levels (好差评) and where a
/// rectification (整改) stands.</summary>
public static class FigureWords
{
    public static Text Mode(HandlingMode mode) => mode switch
    {
        HandlingMode.Online => new("全程网办", "Online"),
        HandlingMode.Proxy => new("异地代收代办", "Proxy"),
        _ => new("多地联办", "Joint"),
    };

    public static Text Rating(RatingLevel level) => level switch
    {
        RatingLevel.VerySatisfied => new("非常满意", "Very satisfied"),
        RatingLevel.Satisfied => new("满意", "Satisfied"),
        RatingLevel.BasicallySatisfied => new("基本满意", "Basically satisfied"),
        RatingLevel.Dissatisfied => new("不满意", "Dissatisfied"),
        _ => new("非常不满意", "Very dissatisfied"),
    };

    public static Text Rectification(RectificationState state) => state switch
    {
        RectificationState.Open => new("整改中", "Open"),
        RectificationState.Overdue => new("超期未整改", "Overdue"),
        RectificationState.Rectified => new("按期整改", "Rectified in time"),
        RectificationState.RectifiedLate => new("逾期整改", "Rectified late"),
        _ => new("已取消", "Cancelled"),
    };
}
