package io.iamdrift.snapshot;

/** A JSON pointer under construction while a snapshot streams by: one node per level, rendered only for errors. */
record JsonPointer(JsonPointer parent, String key, int index) {

    static final JsonPointer ROOT = new JsonPointer(null, null, -1);

    JsonPointer field(String k) {
        return new JsonPointer(this, k, -1);
    }

    JsonPointer at(int i) {
        return new JsonPointer(this, null, i);
    }

    @Override
    public String toString() {
        if (parent == null) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        render(sb);
        return sb.toString();
    }

    private void render(StringBuilder sb) {
        if (parent == null) {
            return;
        }
        parent.render(sb);
        sb.append('/');
        if (key != null) {
            sb.append(key.replace("~", "~0").replace("/", "~1"));
        } else {
            sb.append(index);
        }
    }
}
