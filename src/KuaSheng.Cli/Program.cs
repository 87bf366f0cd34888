using System.Text;
using KuaSheng.Cli;

Console.OutputEncoding = Encoding.UTF8;
return await Ksctl.RunAsync(args, Console.Out, Console.Error);
