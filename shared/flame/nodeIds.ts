/** Node ids with a meaning of their own in every `StackTree`. */
export const ROOT_NODE = 0;
export const NO_NODE = -1;
