// An empty program: what starting and reaping any NativeAOT binary costs, with no Multiproc in it.
return 0;
