namespace KuaSheng.Console.Localization;

// 集群 (screen 9).
public static partial class T
{
    public static readonly Text ClusterTitle = new("集群", "Cluster");
    public static readonly Text ClusterIntro = new("本节点所见的集群成员、分片和读模型投影，每 5 秒刷新。",
        "The cluster as this node sees it: members, shards and read-model projections, refreshed every 5 seconds.");
    public static readonly Text Members = new("成员", "Members");
    public static readonly Text MemberAddress = new("地址", "Address");
    public static readonly Text MemberRoles = new("角色", "Roles");
    public static readonly Text Reachable = new("可达", "Reachable");
    public static readonly Text Unreachable = new("不可达", "Unreachable");
    public static readonly Text Leader = new("领导者：{0}", "Leader: {0}");
    public static readonly Text NoLeader = new("暂无领导者", "No leader yet");
    public static readonly Text ThisNode = new("本节点", "this node");
    public static readonly Text LeaderMark = new("领导者", "leader");
    public static readonly Text ClusterActions = new("操作", "Actions");
    public static readonly Text LeaveAction = new("离开", "Leave");
    public static readonly Text DownAction = new("标记宕机", "Down");
    public static readonly Text Shards = new("分片", "Shards");
    public static readonly Text EntityType = new("实体类型", "Entity type");
    public static readonly Text Node = new("节点", "Node");
    public static readonly Text ShardCount = new("分片数", "Shards");
    public static readonly Text EntityCount = new("运行中实体", "Running entities");
    public static readonly Text Projections = new("读模型投影", "Projections");
    public static readonly Text ProjectionName = new("名称", "Name");
    public static readonly Text Offset = new("位置", "Offset");
    public static readonly Text EventsBehind = new("待投影事件", "Events behind");
    public static readonly Text LagSeconds = new("延迟（秒）", "Lag (s)");
    public static readonly Text Rebuilding = new("重建中", "Rebuilding");
    public static readonly Text RebuildAction = new("重建", "Rebuild");
    public static readonly Text Confirm = new("确认", "Confirm");
    public static readonly Text Cancel = new("取消", "Cancel");
    public static readonly Text ConfirmLeave = new("确认让成员 {0} 平稳离开集群？其分片将先迁移到其他节点。",
        "Ask member {0} to leave the cluster? Its shards move to other nodes first.");
    public static readonly Text ConfirmDown = new("确认将成员 {0} 标记为宕机？仅用于已崩溃且无法恢复的节点，其分片将在其他节点重启。",
        "Mark member {0} down? Only for a crashed node that will not come back: its shards restart elsewhere.");
    public static readonly Text ConfirmRebuild = new("确认从头重建投影 {0}？重建完成前查询结果会缺少部分记录。",
        "Rebuild projection {0} from the start of the journal? Lists show fewer rows until it catches up.");
    public static readonly Text Requested = new("已提交：{0} {1}。下方状态会显示其生效。", "Requested: {0} {1}. The status below shows it take effect.");
    public static readonly Text NoSuchMember = new("集群中没有该成员。", "No such member in this cluster.");
    public static readonly Text NoSuchProjection = new("没有该投影。", "No such projection.");
    public static readonly Text ReadOnlyCluster = new("您可以查看集群，但只有运维人员可以操作。", "You may read the cluster; only operators act on it.");
}
