/* bench-curl-peer: the reference of scripts/bench-delivery that shows what libcurl itself costs.
 * It sends COUNT copies of one message of SIZE bytes to an SMTP server through libcurl's multi
 * interface, over CONNECTIONS easy handles kept (and their connections reused) from message to
 * message, one recipient per message: the way relais's CurlPool drives libcurl, without anything
 * relais does besides (no store, no templates). A tool for the benchmark, never part of relais.
 * Usage: bench-curl-peer URL COUNT CONNECTIONS SIZE
 * Prints "<sent> <failed>" and exits 0 when every message was accepted. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct upload {
    const char *text;
    size_t size;
    size_t sent;
};

static size_t read_body(char *buffer, size_t size, size_t count, void *data) {
    struct upload *upload = data;
    size_t left = upload->size - upload->sent;
    size_t room = size * count;
    size_t take = left < room ? left : room;
    memcpy(buffer, upload->text + upload->sent, take);
    upload->sent += take;
    return take;
}

static char *message_of_size(size_t size) {
    const char *head = "From: <from@example.fr>\r\nTo: <to@example.fr>\r\nSubject: bench\r\n\r\n";
    char *text = malloc(size + 80);
    size_t used = strlen(head);
    memcpy(text, head, used);
    while (used < size) {
        memcpy(text + used, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwx\r\n", 78);
        used += 78;
    }
    text[used] = 0;
    return text;
}

static void start(CURLM *multi, CURL *easy, struct upload *upload, struct curl_slist **rcpt, long number) {
    char address[64];
    snprintf(address, sizeof address, "<to%ld@example.fr>", number);
    curl_slist_free_all(*rcpt);
    *rcpt = curl_slist_append(NULL, address);
    curl_easy_setopt(easy, CURLOPT_MAIL_RCPT, *rcpt);
    upload->sent = 0;
    curl_multi_add_handle(multi, easy);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: bench-curl-peer URL COUNT CONNECTIONS SIZE\n");
        return 2;
    }
    long count = atol(argv[2]), connections = atol(argv[3]);
    char *text = message_of_size((size_t)atol(argv[4]));
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM *multi = curl_multi_init();
    CURL **easy = calloc(connections, sizeof *easy);
    struct upload *uploads = calloc(connections, sizeof *uploads);
    struct curl_slist **rcpts = calloc(connections, sizeof *rcpts);
    long next = 0, sent = 0, failed = 0;
    for (long i = 0; i < connections && next < count; i++) {
        easy[i] = curl_easy_init();
        uploads[i] = (struct upload){ text, strlen(text), 0 };
        curl_easy_setopt(easy[i], CURLOPT_URL, argv[1]);
        curl_easy_setopt(easy[i], CURLOPT_MAIL_FROM, "<from@example.fr>");
        curl_easy_setopt(easy[i], CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(easy[i], CURLOPT_READFUNCTION, read_body);
        curl_easy_setopt(easy[i], CURLOPT_READDATA, &uploads[i]);
        curl_easy_setopt(easy[i], CURLOPT_PRIVATE, (void *)i);
        start(multi, easy[i], &uploads[i], &rcpts[i], next++);
    }
    int running = 1;
    while (running > 0) {
        curl_multi_perform(multi, &running);
        CURLMsg *done;
        int left;
        while ((done = curl_multi_info_read(multi, &left))) {
            if (done->msg != CURLMSG_DONE) continue;
            CURLcode result = done->data.result;
            CURL *handle = done->easy_handle;
            void *slot;
            curl_easy_getinfo(handle, CURLINFO_PRIVATE, &slot);
            long i = (long)slot;
            curl_multi_remove_handle(multi, handle);
            if (result == CURLE_OK) sent++; else failed++;
            if (next < count) {
                start(multi, handle, &uploads[i], &rcpts[i], next++);
                running++;
            }
        }
        if (running > 0) curl_multi_poll(multi, NULL, 0, 100, NULL);
    }
    printf("%ld %ld\n", sent, failed);
    return failed == 0 && sent == count ? 0 : 1;
}
